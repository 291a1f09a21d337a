using Aicq.Smoke;

// Exit codes: 0 every step passed, 1 a step failed (named on the last line), 2 bad usage.
if (!SmokeOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(SmokeOptions.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(SmokeOptions.Usage);
    return 0;
}

using var http = SmokeHttp.Create(options);
var run = new SmokeRun(Console.Out);
return await run.ExecuteAsync(SmokeSteps.All(options, http)) ? 0 : 1;
