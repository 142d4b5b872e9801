namespace PrivacyDesk.Web.Features.Execution;

/// <summary>A test-only seam: lets a test throw in the middle of a step to prove the step is one transaction.</summary>
public sealed class ExecutionHooks
{
    public Action<string>? OnStep { get; set; }

    public void Reached(string point) => OnStep?.Invoke(point);
}
