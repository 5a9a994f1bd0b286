namespace SiteBuilder.Validation;

/// <summary>A CIE L*a*b* colour (D65 white point).</summary>
public readonly record struct CieLab(double L, double A, double B)
{
    /// <summary>Chroma C*ab.</summary>
    public double Chroma => Math.Sqrt((A * A) + (B * B));

    /// <summary>Hue angle h°ab in degrees, 0–360.</summary>
    public double Hue
    {
        get
        {
            var h = Math.Atan2(B, A) * 180 / Math.PI;
            return h < 0 ? h + 360 : h;
        }
    }
}

/// <summary>
/// CIEDE2000 colour difference (Sharma, Wu and Dalal 2005) with k_L = k_C = k_H = 1. ΔE ≈ 1 is a just-noticeable
/// difference; the brand audits treat ΔE ≤ 10 as "the same brand colour".
/// </summary>
public static class Ciede2000
{
    /// <summary>ΔE00 between two sRGB colours (alpha ignored).</summary>
    public static double DeltaE(Rgba first, Rgba second) => DeltaE(ToLab(first), ToLab(second));

    /// <summary>ΔE00 between two CSS colours.</summary>
    /// <exception cref="FormatException">A colour is not a CSS colour this library understands.</exception>
    public static double DeltaE(string first, string second) => DeltaE(CssColor.Parse(first), CssColor.Parse(second));

    /// <summary>ΔE00 between two L*a*b* colours.</summary>
    public static double DeltaE(CieLab first, CieLab second)
    {
        const double Pow25To7 = 6103515625.0; // 25^7
        var (l1, a1, b1) = (first.L, first.A, first.B);
        var (l2, a2, b2) = (second.L, second.A, second.B);

        var c1 = Math.Sqrt((a1 * a1) + (b1 * b1));
        var c2 = Math.Sqrt((a2 * a2) + (b2 * b2));
        var cBar7 = Math.Pow((c1 + c2) / 2, 7);
        var g = 0.5 * (1 - Math.Sqrt(cBar7 / (cBar7 + Pow25To7)));
        var a1p = (1 + g) * a1;
        var a2p = (1 + g) * a2;
        var c1p = Math.Sqrt((a1p * a1p) + (b1 * b1));
        var c2p = Math.Sqrt((a2p * a2p) + (b2 * b2));
        var h1p = HueDegrees(b1, a1p);
        var h2p = HueDegrees(b2, a2p);

        var deltaLp = l2 - l1;
        var deltaCp = c2p - c1p;
        double deltahp;
        if (c1p * c2p == 0)
        {
            deltahp = 0;
        }
        else if (Math.Abs(h2p - h1p) <= 180)
        {
            deltahp = h2p - h1p;
        }
        else
        {
            deltahp = h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p + 360;
        }

        var deltaHp = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Radians(deltahp / 2));

        var lBarP = (l1 + l2) / 2;
        var cBarP = (c1p + c2p) / 2;
        double hBarP;
        if (c1p * c2p == 0)
        {
            hBarP = h1p + h2p;
        }
        else if (Math.Abs(h1p - h2p) <= 180)
        {
            hBarP = (h1p + h2p) / 2;
        }
        else
        {
            hBarP = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
        }

        var t = 1
            - (0.17 * Math.Cos(Radians(hBarP - 30)))
            + (0.24 * Math.Cos(Radians(2 * hBarP)))
            + (0.32 * Math.Cos(Radians((3 * hBarP) + 6)))
            - (0.20 * Math.Cos(Radians((4 * hBarP) - 63)));
        var deltaTheta = 30 * Math.Exp(-Math.Pow((hBarP - 275) / 25, 2));
        var cBarP7 = Math.Pow(cBarP, 7);
        var rc = 2 * Math.Sqrt(cBarP7 / (cBarP7 + Pow25To7));
        var lBarMinus50Sq = (lBarP - 50) * (lBarP - 50);
        var sl = 1 + (0.015 * lBarMinus50Sq / Math.Sqrt(20 + lBarMinus50Sq));
        var sc = 1 + (0.045 * cBarP);
        var sh = 1 + (0.015 * cBarP * t);
        var rt = -Math.Sin(Radians(2 * deltaTheta)) * rc;

        var lTerm = deltaLp / sl;
        var cTerm = deltaCp / sc;
        var hTerm = deltaHp / sh;
        return Math.Sqrt((lTerm * lTerm) + (cTerm * cTerm) + (hTerm * hTerm) + (rt * cTerm * hTerm));
    }

    /// <summary>sRGB (D65) → CIE L*a*b* (D65).</summary>
    public static CieLab ToLab(Rgba color)
    {
        var r = RgbColor.ToLinear(color.R);
        var g = RgbColor.ToLinear(color.G);
        var b = RgbColor.ToLinear(color.B);
        var x = ((0.4124564 * r) + (0.3575761 * g) + (0.1804375 * b)) / 0.95047;
        var y = (0.2126729 * r) + (0.7151522 * g) + (0.0721750 * b);
        var z = ((0.0193339 * r) + (0.1191920 * g) + (0.9503041 * b)) / 1.08883;
        var fx = LabF(x);
        var fy = LabF(y);
        var fz = LabF(z);
        return new CieLab((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    private static double LabF(double t) => t > 216.0 / 24389.0 ? Math.Cbrt(t) : ((24389.0 / 27.0 * t) + 16) / 116;

    private static double HueDegrees(double b, double a)
    {
        if (b == 0 && a == 0)
        {
            return 0;
        }

        var h = Math.Atan2(b, a) * 180 / Math.PI;
        return h < 0 ? h + 360 : h;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
