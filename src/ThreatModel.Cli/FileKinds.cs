using System.Runtime.InteropServices;
using System.Text;

namespace ThreatModel.Cli;

/// <summary>
/// The type and identity (device and inode) of a file. .NET does not tell a FIFO or a device from a regular file,
/// so on Linux this asks the kernel (<c>statx</c>); elsewhere it falls back to what .NET can tell (regular file,
/// directory, link; the system's own <c>/dev</c> entries are streams).
/// </summary>
internal static class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    /// <summary>The kind of <paramref name="path"/>, its last component not followed.</summary>
    public static FileKind Of(string path)
    {
        if (Statx(path, follow: false) is { } stat)
            return stat.Kind;
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
            return FileKind.SymbolicLink;
        if (System.IO.Directory.Exists(path))
            return FileKind.Directory;
        if (!info.Exists)
            return FileKind.Missing;
        return Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal) ? FileKind.Stream : FileKind.Regular;
    }

    /// <summary>The kind of what <paramref name="path"/> finally names, every symbolic link followed.</summary>
    public static FileKind Final(string path)
    {
        if (Statx(path, follow: true) is { } stat)
            return stat.Kind;
        var info = new FileInfo(path);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? FileKind.Missing : Of(target.FullName);
    }

    /// <summary>
    /// True when both paths name the same file (the same device and inode; hard links and symbolic links included),
    /// or, where the kernel cannot be asked, the same full path once symbolic links are resolved.
    /// </summary>
    public static bool Same(string a, string b)
    {
        if (Statx(a, follow: true) is { } x && Statx(b, follow: true) is { } y)
            return x.Kind != FileKind.Missing && x.Device == y.Device && x.Inode == y.Inode;
        return string.Equals(Resolve(a), Resolve(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string Resolve(string path)
    {
        var info = new FileInfo(Path.GetFullPath(path));
        return (info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info).FullName;
    }

    private readonly record struct Stat(FileKind Kind, ulong Device, ulong Inode);

    /// <summary>The kernel's answer, or null where statx is not available (not Linux, an old C library).</summary>
    private static Stat? Statx(string path, bool follow)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var name = Encoding.UTF8.GetBytes(Path.GetFullPath(path) + "\0");
        var buffer = new byte[StatxSize];
        int result;
        try
        {
            result = NativeMethods.statx(AtFdCwd, name, follow ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is 2 or 20 ? new Stat(FileKind.Missing, 0, 0) : null; // ENOENT, ENOTDIR
        }

        var mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        var inode = BitConverter.ToUInt64(buffer, 32);
        var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
        var kind = mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Stream, // character device, FIFO, socket
        };
        return new Stat(kind, device, inode);
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, CA5392, CA1401, SA1300, IDE1006 // One plain C call with blittable arguments; works in the native build too.
        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirfd, byte[] pathname, int flags, uint mask, byte[] statxbuf);
#pragma warning restore SYSLIB1054, CA5392, CA1401, SA1300, IDE1006
    }
}
