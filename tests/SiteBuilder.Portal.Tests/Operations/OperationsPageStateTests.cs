using SiteBuilder.Identity;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Rollbacks;
using SiteBuilder.Portal.Components.Pages.Operations;

namespace SiteBuilder.Portal.Tests.Operations;

/// <summary>The plain state classes behind the Operations pages.</summary>
public sealed class OperationsPageStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheApprovalsPanelSaysWhoSignedWhenAndWhyTheViewerCannotSign()
    {
        var signed = new Approval(Roles.TechLead, "tom", "Tom", Now.AddHours(-1), Now.AddHours(23), "ok");
        var gate = new GateStatus([Roles.TechLead, Roles.DevOpsLead], ["DevOpsLead sign-off"], [signed]);

        var asRequester = SignOffPanelState.Slots(gate, "olga", new OpsActor("olga", "Olga", [Roles.DevOpsLead]), Now);
        var asTom = SignOffPanelState.Slots(gate, "olga", new OpsActor("tom", "Tom", [Roles.TechLead, Roles.DevOpsLead]), Now);
        var asDora = SignOffPanelState.Slots(gate, "olga", new OpsActor("dora", "Dora", [Roles.DevOpsLead]), Now);
        var asPaul = SignOffPanelState.Slots(gate, "olga", new OpsActor("paul", "Paul", [Roles.ProductOwner]), Now);

        Assert.Equal(signed, asDora[0].Signed);
        Assert.Equal("23 h 0 min left", SignOffPanelState.Countdown(asDora[0].ExpiresIn));
        Assert.Equal("You made this request: someone else signs it off", asRequester[1].WhyNot);
        Assert.Equal("You signed as TechLead: one role per person", asTom[1].WhyNot);
        Assert.True(asDora[1].CanSign);
        Assert.Equal("Needs the DevOpsLead role", asPaul[1].WhyNot);
        Assert.Equal("expired", SignOffPanelState.Countdown(TimeSpan.Zero));
        Assert.Equal("5 min left", SignOffPanelState.Countdown(TimeSpan.FromMinutes(4.2)));
    }

    [Fact]
    public void TheRollbackWizardAsksForAPreviewAReasonAndForProdItsNameTyped()
    {
        var wizard = new RollbackWizardState { Environment = "prod" };
        Assert.False(wizard.CanSubmit);
        Assert.Equal("Choose a target to see what changes.", wizard.Blocker);

        wizard.ShowPreview(new RollbackPreview("prod", "1.2.0", "1.1.0", "sha256:b", "sha256:a", "tf2", "tf1", []));
        wizard.Reason = "5xx at 14 %";
        Assert.Equal("Type prod to confirm a rollback of production.", wizard.Blocker);

        wizard.Confirmation = "PROD";
        Assert.True(wizard.CanSubmit);

        wizard.Environment = "dev";
        wizard.Confirmation = null;
        Assert.True(wizard.CanSubmit);
        wizard.PreviewFailed("Nothing is live in DEV yet: there is nothing to roll back.");
        Assert.Equal("Nothing is live in DEV yet: there is nothing to roll back.", wizard.Blocker);
    }
}
