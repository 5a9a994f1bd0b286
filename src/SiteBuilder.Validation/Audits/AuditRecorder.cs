namespace SiteBuilder.Validation.Audits;

/// <summary>Collects each audit's applicability and findings while the audits run.</summary>
internal sealed class AuditRecorder(ElementDescriber describe)
{
    public const int MaxFindingsPerAudit = 20;

    private readonly Dictionary<string, Outcome> _outcomes = AuditCatalog.All.ToDictionary(a => a.Id, a => new Outcome(a), StringComparer.Ordinal);

    public Outcome this[AuditDefinition audit] => _outcomes[audit.Id];

    public IReadOnlyList<AuditResult> Results() => [.. AuditCatalog.All.Select(a => _outcomes[a.Id].ToResult())];

    internal sealed class Outcome(AuditDefinition audit)
    {
        private readonly List<AuditFinding> _findings = [];

        public AuditDefinition Audit { get; } = audit;

        public bool Applicable { get; private set; }

        public int Count { get; private set; }

        public void MarkApplicable() => Applicable = true;

        public void Fail(ElementDescriber describe, int element, string message)
        {
            Applicable = true;
            if (Count++ < MaxFindingsPerAudit)
            {
                _findings.Add(new AuditFinding(describe.Selector(element), describe.Snippet(element), message));
            }
        }

        public void FailPage(string message)
        {
            Applicable = true;
            if (Count++ < MaxFindingsPerAudit)
            {
                _findings.Add(new AuditFinding(null, null, message));
            }
        }

        public AuditResult ToResult() => new(Audit.Id, Audit.Title, Audit.Category, Audit.Impact, Audit.Weight, Applicable, Applicable && Count == 0, Count, [.. _findings]);
    }

    public void Fail(AuditDefinition audit, int element, string message) => this[audit].Fail(describe, element, message);

    public void FailPage(AuditDefinition audit, string message) => this[audit].FailPage(message);

    public void Applicable(AuditDefinition audit) => this[audit].MarkApplicable();
}
