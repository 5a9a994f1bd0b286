namespace SiteBuilder.Validation;

/// <summary>
/// When a validation must stop: the caller's cancellation, or the end of its time budget. The budget is read from the clock
/// at each check rather than left to a timer, so a busy machine's late timer callbacks cannot let a page run over it.
/// <c>default</c> never expires.
/// </summary>
public readonly struct ValidationDeadline
{
    private readonly TimeProvider? _clock;
    private readonly long _start;
    private readonly TimeSpan _budget;
    private readonly CancellationToken _cancellationToken;

    public ValidationDeadline(TimeProvider clock, TimeSpan budget, CancellationToken cancellationToken)
    {
        _clock = clock;
        _start = clock.GetTimestamp();
        _budget = budget;
        _cancellationToken = cancellationToken;
    }

    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    /// <exception cref="TimeoutException">The budget is spent.</exception>
    public void ThrowIfPassed()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_clock is not null && _clock.GetElapsedTime(_start) > _budget)
        {
            throw new TimeoutException($"The page could not be checked within its time budget of {_budget.TotalSeconds:0.###} seconds.");
        }
    }
}
