namespace SiteBuilder.Operations;

public enum OperationsError
{
    /// <summary>400: bad input, naming the field.</summary>
    Validation,
    /// <summary>404.</summary>
    NotFound,
    /// <summary>403: self-approval, the wrong role, one person in two roles.</summary>
    Forbidden,
    /// <summary>409 GATE_NOT_MET: sign-offs or checks are missing; <see cref="OperationsException.Missing"/> names each.</summary>
    GateNotMet,
    /// <summary>409 CONFLICT: a deployment already running there, a duplicate, a stale write, a step out of order.</summary>
    Conflict,
    /// <summary>503: the backend for this action is not configured.</summary>
    Unavailable,
}

/// <summary>A refused operations request. Nothing was stored and nothing was audited.</summary>
public sealed class OperationsException(OperationsError error, string message, string? field = null, IReadOnlyList<string>? missing = null, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    /// <summary>For <see cref="OperationsError.Validation"/>: every field at fault with its messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? (field is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [field] = [message] });

    public OperationsError Error { get; } = error;

    /// <summary>For <see cref="OperationsError.Validation"/>: the request field at fault.</summary>
    public string? Field { get; } = field;

    /// <summary>For <see cref="OperationsError.GateNotMet"/>: each missing sign-off or check, in words.</summary>
    public IReadOnlyList<string> Missing { get; } = missing ?? [];

    public static OperationsException Invalid(string field, string message) => new(OperationsError.Validation, message, field);

    public static OperationsException Invalid(IReadOnlyList<(string Field, string Message)> errors) =>
        new(OperationsError.Validation, string.Join(" ", errors.Select(e => e.Message)), errors[0].Field, null,
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    public static OperationsException NotFound(string message) => new(OperationsError.NotFound, message);

    public static OperationsException Forbidden(string message) => new(OperationsError.Forbidden, message);

    public static OperationsException Conflict(string message) => new(OperationsError.Conflict, message);
}
