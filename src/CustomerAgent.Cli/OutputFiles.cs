using System.Text;

namespace CustomerAgent.Cli;

/// <summary>
/// The files a run writes (<c>--out</c>, <c>--rejects</c>). Each is checked before anything is read or written: not a folder, in a
/// folder that exists, and, compared by identity (device and inode after every link is resolved, <see cref="FileIdentity"/>),
/// neither the log nor another output of the command. Each is written to a temporary file beside its target and renamed into
/// place (one atomic rename) only when the command succeeds, so a failing command leaves every existing file as it was. A
/// device, a pipe or a socket (<c>/dev/stdout</c>, <c>/dev/null</c>) is written in place: it cannot be replaced.
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly List<Planned> _planned = [];

    /// <summary>
    /// Checks the outputs of a command before anything is read or written. Throws (exit 2) when one is the log or another output,
    /// (exit 3) when one is a folder or its folder does not exist.
    /// </summary>
    /// <param name="log">The identity of the log the command reads, or null (the bundled sample, a pipe).</param>
    /// <param name="outputs">The command's output options and their paths (null: not given).</param>
    internal void Plan(FileIdentity? log, params (string Option, string? Path)[] outputs)
    {
        foreach (var (option, path) in outputs)
        {
            if (path is null)
            {
                continue;
            }

            var existing = FileIdentity.Of(path);
            if (existing is { Kind: FileKind.Directory })
            {
                throw new CliException(ExitCodes.CannotRead, $"cannot write {option} '{path}': it is a directory; name a file");
            }

            // the file the name leads to (a symbolic link is followed: the file is replaced, the link kept)
            var target = Target(path);
            var folder = System.IO.Path.GetDirectoryName(target) ?? ".";
            FileIdentity identity;
            string? newName = null;
            if (existing is { } file)
            {
                identity = file;
            }
            else
            {
                // a file still to be made is its folder's identity and its name
                var parent = FileIdentity.Of(folder.Length == 0 ? "." : folder);
                if (parent is not { Kind: FileKind.Directory } folderIdentity)
                {
                    throw new CliException(ExitCodes.CannotRead, $"cannot write {option} '{path}': its folder '{folder}' does not exist");
                }

                identity = folderIdentity;
                newName = System.IO.Path.GetFileName(target);
            }

            if (log is { } input && existing is { } e && e.IsSameFileAs(input))
            {
                throw new CliException($"{option} '{path}' is the input log (the same file under another name): writing it would destroy the log being read; choose another file");
            }

            foreach (var other in _planned)
            {
                if (other.Identity.IsSameFileAs(identity) && string.Equals(other.NewName, newName, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                {
                    throw new CliException($"{option} and {other.Option} name the same file ('{path}' and '{other.Path}'); give each output its own file");
                }
            }

            _planned.Add(new Planned(option, path, target, identity, newName, existing?.Kind == FileKind.Other));
        }
    }

    /// <summary>A writer on the planned output <paramref name="path"/> (UTF-8 without a byte order mark, <c>\n</c> line ends), or <paramref name="stdout"/> when the path is null.</summary>
    internal TextWriter Text(string? path, TextWriter stdout) =>
        path is null ? stdout : new StreamWriter(Stream(path), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };

    /// <summary>A stream on the planned output <paramref name="path"/>: a new temporary file beside its target (or the device itself).</summary>
    internal Stream Stream(string path)
    {
        var planned = _planned.FirstOrDefault(p => p.Path == path) ?? throw new InvalidOperationException($"the output '{path}' was not planned");
        try
        {
            if (planned.InPlace)
            {
                return new FileStream(planned.Target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }

            var folder = System.IO.Path.GetDirectoryName(planned.Target);
            var name = System.IO.Path.GetFileName(planned.Target);
            planned.Temp = System.IO.Path.Combine(string.IsNullOrEmpty(folder) ? "." : folder, $".{name}.customer-agent-{Guid.NewGuid():N}.tmp");
            var stream = new FileStream(planned.Temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            if (!OperatingSystem.IsWindows() && File.Exists(planned.Target))
            {
                // the replaced file keeps its permissions
                File.SetUnixFileMode(planned.Temp, File.GetUnixFileMode(planned.Target));
            }

            planned.Stream = new TrackedStream(stream);
            return planned.Stream;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CannotRead, $"cannot write {planned.Option} '{path}': {ex.Message}");
        }
    }

    /// <summary>
    /// The command succeeded: every output written is renamed into place (or only <paramref name="onlyPath"/>'s, as when
    /// <c>--strict</c> stops and keeps the rejected line).
    /// </summary>
    internal void Commit(string? onlyPath = null)
    {
        foreach (var planned in _planned.Where(p => p.Temp is not null && (onlyPath is null || p.Path == onlyPath)))
        {
            try
            {
                planned.Stream?.Inner.Flush(flushToDisk: true);
                planned.Stream?.Inner.Dispose();
                File.Move(planned.Temp!, planned.Target, overwrite: true);
                planned.Temp = null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.CannotRead, $"cannot write {planned.Option} '{planned.Path}': {ex.Message}");
            }
        }
    }

    /// <summary>Deletes every temporary file not renamed into place: the command failed, the targets stay as they were.</summary>
    public void Dispose()
    {
        foreach (var planned in _planned.Where(p => p.Temp is not null))
        {
            try
            {
                planned.Stream?.Inner.Dispose();
                File.Delete(planned.Temp!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the temporary file is left behind; the target is untouched either way
            }

            planned.Temp = null;
        }
    }

    /// <summary>The file <paramref name="path"/> leads to: a symbolic link at its end is followed (folders need not be: the temporary file is made in the same folder).</summary>
    private static string Target(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    private sealed class Planned(string option, string path, string target, FileIdentity identity, string? newName, bool inPlace)
    {
        internal string Option { get; } = option;

        internal string Path { get; } = path;

        internal string Target { get; } = target;

        internal FileIdentity Identity { get; } = identity;

        internal string? NewName { get; } = newName;

        internal bool InPlace { get; } = inPlace;

        internal string? Temp { get; set; }

        internal TrackedStream? Stream { get; set; }
    }

    /// <summary>The temporary file's stream: a command's writer may dispose it (its own end of writing); only <see cref="Commit"/> closes the file.</summary>
    private sealed class TrackedStream(FileStream inner) : Stream
    {
        internal FileStream Inner { get; } = inner;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Inner.Length;

        public override long Position { get => Inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => Inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => Inner.Write(buffer);

        public override void WriteByte(byte value) => Inner.WriteByte(value);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Flush();
            }

            base.Dispose(disposing);
        }
    }
}
