using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace Ops.Tla.Tests.Output.Html;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c>, installed by .ci/run) for the report pages' browser tests: the DOM
/// after the page's script ran (<c>--dump-dom</c>) and a screenshot (<c>--screenshot</c>). Each run has its own
/// profile folder under the test's temporary folder; the time limit only guards against a hang.
/// </summary>
public sealed class Chromium
{
    /// <summary>Only against a hang: a page loads in about a second.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public string Executable { get; }

    private Chromium(string exe) => Executable = exe;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>OPS_CHROMIUM, or chromium (chromium-browser, google-chrome) on PATH; null when there is none.</summary>
    public static Chromium Find()
    {
        var given = Environment.GetEnvironmentVariable("OPS_CHROMIUM");
        if (!string.IsNullOrEmpty(given) && File.Exists(given)) return new Chromium(given);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            {
                if (string.IsNullOrEmpty(dir)) continue;
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return new Chromium(path);
            }
        return null;
    }

    /// <summary>The DOM of <paramref name="page"/> once loaded (its script has run), as Chromium serialises it.</summary>
    public string DumpDom(string page, string workDir) => Run(workDir, "--dump-dom", new Uri(page).AbsoluteUri).Out;

    /// <summary>A screenshot of <paramref name="page"/> in a window of the given size; returns the PNG's path.</summary>
    public string Screenshot(string page, string workDir, int width, int height)
    {
        var png = Path.Combine(workDir, Path.GetFileNameWithoutExtension(page) + ".png");
        var r = Run(workDir, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(page).AbsoluteUri);
        if (!File.Exists(png)) throw new InvalidOperationException($"chromium wrote no screenshot (exit {r.Exit}): {Tail(r.Err)}");
        return png;
    }

    private (int Exit, string Out, string Err) Run(string workDir, params string[] args)
    {
        var profile = Path.Combine(workDir, "chromium-profile-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(profile);
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                     "--force-device-scale-factor=1", "--enable-logging=stderr", $"--user-data-dir={profile}",
                 })
            psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = workDir;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Executable}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(Timeout))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new TimeoutException($"chromium did not finish within {Timeout.TotalSeconds} s: {string.Join(' ', args)}");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Tail(string s) => s.Length > 2000 ? s[^2000..] : s;
}

/// <summary>A PNG decoded far enough to look at its pixels (8-bit greyscale, RGB or RGBA, not interlaced: what
/// Chromium writes).</summary>
public sealed class Png
{
    public int Width { get; private init; }
    public int Height { get; private init; }
    /// <summary>RGB of each pixel, row by row.</summary>
    public byte[] Rgb { get; private init; }

    public static Png Read(string path)
    {
        var data = File.ReadAllBytes(path);
        byte[] signature = { 137, 80, 78, 71, 13, 10, 26, 10 };
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException($"{path} is not a PNG");
        int width = 0, height = 0, depth = 0, colour = 0, interlace = 0;
        var idat = new MemoryStream();
        int pos = 8;
        while (pos + 8 <= data.Length)
        {
            int len = (data[pos] << 24) | (data[pos + 1] << 16) | (data[pos + 2] << 8) | data[pos + 3];
            var type = Encoding.ASCII.GetString(data, pos + 4, 4);
            var body = data.AsSpan(pos + 8, len);
            if (type == "IHDR")
            {
                width = (body[0] << 24) | (body[1] << 16) | (body[2] << 8) | body[3];
                height = (body[4] << 24) | (body[5] << 16) | (body[6] << 8) | body[7];
                depth = body[8];
                colour = body[9];
                interlace = body[12];
            }
            else if (type == "IDAT") idat.Write(body);
            else if (type == "IEND") break;
            pos += 12 + len;
        }
        int channels = colour switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {colour} not handled") };
        if (depth != 8 || interlace != 0) throw new InvalidDataException($"PNG bit depth {depth}, interlace {interlace} not handled");
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        int stride = width * channels;
        var cur = new byte[stride];
        var prev = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            int f = bytes[y * (stride + 1)];
            Array.Copy(bytes, y * (stride + 1) + 1, cur, 0, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? cur[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
                int add = f switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {f}"),
                };
                cur[i] = (byte)(cur[i] + add);
            }
            for (int x = 0; x < width; x++)
            {
                int o = x * channels;
                var (r, g, bl) = channels >= 3 ? (cur[o], cur[o + 1], cur[o + 2]) : (cur[o], cur[o], cur[o]);
                rgb[(y * width + x) * 3] = r;
                rgb[(y * width + x) * 3 + 1] = g;
                rgb[(y * width + x) * 3 + 2] = bl;
            }
            (prev, cur) = (cur, prev);
        }
        return new Png { Width = width, Height = height, Rgb = rgb };
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>How many pixels are within <paramref name="tolerance"/> of the colour <c>#rrggbb</c>.</summary>
    public int Count(string hex, int tolerance = 3)
    {
        int r = Convert.ToInt32(hex.Substring(1, 2), 16), g = Convert.ToInt32(hex.Substring(3, 2), 16), b = Convert.ToInt32(hex.Substring(5, 2), 16);
        int n = 0;
        for (int i = 0; i < Rgb.Length; i += 3)
            if (Math.Abs(Rgb[i] - r) <= tolerance && Math.Abs(Rgb[i + 1] - g) <= tolerance && Math.Abs(Rgb[i + 2] - b) <= tolerance) n++;
        return n;
    }

    /// <summary>The share of pixels that are not white.</summary>
    public double NonWhite()
    {
        int n = 0;
        for (int i = 0; i < Rgb.Length; i += 3)
            if (Rgb[i] < 250 || Rgb[i + 1] < 250 || Rgb[i + 2] < 250) n++;
        return n / (double)(Width * Height);
    }
}
