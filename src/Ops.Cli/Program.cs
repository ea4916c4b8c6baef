using System.Runtime.InteropServices;
using Ops.Cli;

// Ctrl+C (and SIGTERM, which CI systems send when a job is cancelled) stops a check cleanly (the partial result is
// printed and written to the -json/-junit files) and a difftest or fuzz batch once the cases under way end, with
// its summary. A second Ctrl+C ends the process at once.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested) return;
    e.Cancel = true;
    Console.Error.WriteLine("ops: stopping (press Ctrl+C again to abort)");
    stop.Cancel();
};
using var sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
{
    if (stop.IsCancellationRequested) return;
    ctx.Cancel = true;
    stop.Cancel();
});
// An exception on another thread would otherwise print a stack trace: one line and exit 255 instead.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    CliApp.InternalError(e.ExceptionObject as Exception ?? new Exception(Convert.ToString(e.ExceptionObject)), Console.Error,
        Ops.Cli.EnvironmentOptions.Debug);
    Environment.Exit((int)Ops.Tla.ExitStatus.SystemError);
};

return CliApp.Run(args, Console.Out, Console.Error, new CliHost { Cancellation = stop.Token });
