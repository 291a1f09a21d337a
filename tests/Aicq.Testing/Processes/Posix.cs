using System.ComponentModel;

namespace Aicq.Testing;

/// <summary>Linux signal delivery; .NET only lets a process send SIGKILL to another one.</summary>
internal static class Posix
{
    public const int SigInt = 2;
    public const int SigQuit = 3;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>The Linux number of a <see cref="PosixSignal"/> (whose enum values are abstract).</summary>
    public static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => SigInt,
        PosixSignal.SIGQUIT => SigQuit,
        PosixSignal.SIGTERM => SigTerm,
        PosixSignal.SIGCONT => SigCont,
        PosixSignal.SIGTSTP => 20,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a signal tests send"),
    };

    /// <summary>Sends a signal; a process that is already gone is not an error.</summary>
    public static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            const int NoSuchProcess = 3;
            if (errno != NoSuchProcess) throw new Win32Exception(errno, $"kill({pid}, {signal}) failed");
        }
    }

    /// <summary>True when running as root: servers that refuse root must then run as their own user.</summary>
    public static bool IsRoot { get; } = geteuid() == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern uint geteuid();
}
