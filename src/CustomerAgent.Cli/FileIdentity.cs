using System.Runtime.InteropServices;

namespace CustomerAgent.Cli;

/// <summary>
/// What a file is, independently of the path that names it: its device and inode number once every symbolic link of the
/// path is resolved (any component, not only the last), so a hard link, a symbolic link or a symbolically linked folder all
/// name the same file. On Linux this is <c>statx(2)</c> (one fixed layout on every architecture); elsewhere, or when the
/// call is not available, the full path with every component's links resolved stands in for it (hard links are then not
/// seen).
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, string? Path, FileKind Kind)
{
    /// <summary>The identity of the existing file or folder at <paramref name="path"/>, or null when nothing is there.</summary>
    internal static FileIdentity? Of(string path)
    {
        if (OperatingSystem.IsLinux() && Statx.TryGet(path, out var device, out var inode, out var mode) is { } found)
        {
            return found ? new FileIdentity(device, inode, null, KindOf(mode)) : null;
        }

        var resolved = ResolveEveryLink(path);
        return Directory.Exists(resolved) ? new FileIdentity(0, 0, Fold(resolved), FileKind.Directory)
            : File.Exists(resolved) ? new FileIdentity(0, 0, Fold(resolved), resolved.StartsWith("/dev/", StringComparison.Ordinal) ? FileKind.Other : FileKind.Regular)
            : null;
    }

    /// <summary>Whether two identities name the same file.</summary>
    internal bool IsSameFileAs(FileIdentity other) =>
        Path is null && other.Path is null ? Device == other.Device && Inode == other.Inode : Path is not null && string.Equals(Path, other.Path, StringComparison.Ordinal);

    /// <summary>The full path of <paramref name="path"/> with the symbolic links of every component resolved (a lexical stand-in for an identity).</summary>
    internal static string ResolveEveryLink(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var root = System.IO.Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = System.IO.Path.Combine(current, part);
            try
            {
                current = File.ResolveLinkTarget(next, returnFinalTarget: true)?.FullName ?? next;
            }
            catch (IOException)
            {
                current = next;
            }
        }

        return System.IO.Path.GetFullPath(current);
    }

    private static string Fold(string path) => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? path.ToUpperInvariant() : path;

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        _ => FileKind.Other,
    };

    /// <summary><c>statx(2)</c> from the C library, following every symbolic link.</summary>
    private static class Statx
    {
        private const int AtFdCwd = -100;
        private const uint StatxType = 0x1;
        private const uint StatxIno = 0x100;
        private const int Enoent = 2;
        private const int Enotdir = 20;
        private static bool _unavailable;

        /// <summary>True (found), false (nothing there) or null (the call is not available: use the fallback).</summary>
        internal static bool? TryGet(string path, out ulong device, out ulong inode, out ushort mode)
        {
            device = inode = 0;
            mode = 0;
            if (_unavailable)
            {
                return null;
            }

            try
            {
                if (Native.statx(AtFdCwd, path, 0, StatxType | StatxIno, out var buffer) == 0)
                {
                    device = ((ulong)buffer.DevMajor << 32) | buffer.DevMinor;
                    inode = buffer.Ino;
                    mode = buffer.Mode;
                    return true;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno is Enoent or Enotdir)
                {
                    return false;
                }

                // ENOSYS (an old kernel), EACCES (a folder that cannot be searched), …: the path-based fallback
                return null;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _unavailable = true;
                return null;
            }
        }
    }

    /// <summary>The part of <c>struct statx</c> the tool reads (the layout is the same on every architecture: 256 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Ino;

        [FieldOffset(136)]
        public uint DevMajor;

        [FieldOffset(140)]
        public uint DevMinor;
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the tool; one call per output file
        internal static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, out StatxBuffer buffer);
#pragma warning restore SYSLIB1054
    }
}

/// <summary>What kind of file an identity names.</summary>
internal enum FileKind
{
    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A device, a pipe or a socket (written in place, never replaced).</summary>
    Other,
}
