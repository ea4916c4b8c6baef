using System.Security;

namespace Ops.Tla.Output;

/// <summary>Checks on the files a run is asked to write (-json, -itf, -junit; -TracePath, -JUnitPath, -JsonPath).</summary>
public static class OutputFiles
{
    /// <summary>Why <paramref name="file"/> cannot be written, or null. Checked before a run, so that a typo in an
    /// output path does not cost a long check.</summary>
    public static string Problem(string file)
    {
        if (string.IsNullOrWhiteSpace(file)) return "no file name given";
        try
        {
            var full = Path.GetFullPath(file);
            if (Directory.Exists(full)) return "it is a directory";
            var dir = Path.GetDirectoryName(full);
            if (dir != null && !Directory.Exists(dir)) return $"the directory {dir} does not exist";
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException or SecurityException)
        {
            return e.Message;
        }
    }
}
