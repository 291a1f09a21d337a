using System.Diagnostics;

namespace Aicq.Smoke;

/// <summary>One named check. Throws <see cref="SmokeFailure"/> (or anything) to fail, <see cref="SmokeSkip"/> to skip.</summary>
internal sealed record SmokeStep(string Name, Func<CancellationToken, Task<string>> RunAsync);

/// <summary>A step's expectation did not hold; the message says what was seen.</summary>
internal sealed class SmokeFailure(string message) : Exception(message);

/// <summary>The step does not apply to this deployment; the message says why.</summary>
internal sealed class SmokeSkip(string reason) : Exception(reason);

/// <summary>
/// Runs the steps in order and stops at the first failure: later steps build on earlier ones (no agent,
/// no message to read back), so running them would only repeat the same cause. The last line always
/// names the outcome, and the failed step.
/// </summary>
internal sealed class SmokeRun(TextWriter output)
{
    public async Task<bool> ExecuteAsync(IReadOnlyList<SmokeStep> steps, CancellationToken cancellationToken = default)
    {
        int passed = 0, skipped = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var clock = Stopwatch.StartNew();
            try
            {
                var detail = await step.RunAsync(cancellationToken);
                output.WriteLine($"PASS  {step.Name,-20} {clock.ElapsedMilliseconds,5} ms  {detail}");
                passed++;
            }
            catch (SmokeSkip skip)
            {
                output.WriteLine($"SKIP  {step.Name,-20} {"",8}  {skip.Message}");
                skipped++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                output.WriteLine($"FAIL  {step.Name,-20} {clock.ElapsedMilliseconds,5} ms  {Describe(e)}");
                foreach (var rest in steps.Skip(i + 1)) output.WriteLine($"----  {rest.Name,-20} {"",8}  not run");
                output.WriteLine($"smoke: FAILED at step '{step.Name}' ({passed} passed, {skipped} skipped before it)");
                return false;
            }
        }
        output.WriteLine($"smoke: PASSED ({passed} passed, {skipped} skipped)");
        return true;
    }

    private static string Describe(Exception e) => e switch
    {
        SmokeFailure => e.Message,
        HttpRequestException { InnerException: { } inner } => $"{e.Message} ({inner.Message})",
        TaskCanceledException => "timed out",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
