namespace CustomerAgent.Bulk;

/// <summary>Which implementation <see cref="BulkStatusClassifier"/> runs. Every kernel gives exactly the same results.</summary>
public enum BulkKernel
{
    /// <summary>The fastest available: <see cref="Vectorized"/>.</summary>
    Auto = 0,

    /// <summary>One row at a time, no SIMD. The reference the vectorized kernel is checked against.</summary>
    Scalar = 1,

    /// <summary>
    /// 32 rows per step: <see cref="System.Runtime.Intrinsics.Vector512{T}"/> compares where AVX-512 is accelerated, else
    /// <see cref="System.Runtime.Intrinsics.Vector256{T}"/>, into one bit per row; then bit-mask logic; scalar tail.
    /// Runs the scalar kernel when <see cref="System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated"/> is false.
    /// </summary>
    Vectorized = 2,
}
