using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Aicq.ServiceDefaults.Logging;

/// <summary>
/// LOG_FILE: one process's events in one file, each event written whole, rotated by size the way logrotate
/// does (FILE, FILE.1 … FILE.(count-1), the oldest deleted), so the file being written always has the same
/// name and <c>tail -F FILE</c> follows it across rotations.
/// </summary>
/// <remarks>
/// Not Serilog.Sinks.File: when it rolls by size it writes on under a new name (FILE_001, FILE_002, …), so
/// the current file has no fixed name to follow. A file has exactly one writer (this process), so a line is
/// never interleaved with another process's.
/// </remarks>
internal sealed class RotatingFileSink(string path, ITextFormatter formatter, long maxBytes, int files) : ILogEventSink, IDisposable
{
    private readonly Lock _lock = new();
    private FileStream? _stream;

    public void Emit(LogEvent logEvent)
    {
        var text = new StringWriter();
        formatter.Format(logEvent, text);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        lock (_lock)
        {
            _stream ??= Open();
            // Rotate before an event that would not fit: a file never exceeds the limit unless one event does.
            if (_stream.Length > 0 && _stream.Length + bytes.Length > maxBytes) Rotate();
            _stream.Write(bytes);
            _stream.Flush();
        }
    }

    private FileStream Open()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // FileShare.ReadWrite|Delete: readers (tail, a log shipper) never block writing or rotating.
        return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    private void Rotate()
    {
        _stream!.Dispose();
        _stream = null;
        for (var i = files - 1; i >= 1; i--)
        {
            var from = i == 1 ? path : $"{path}.{i - 1}";
            if (File.Exists(from)) File.Move(from, $"{path}.{i}", overwrite: true);
        }
        if (files == 1) File.Delete(path);
        _stream = Open();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
