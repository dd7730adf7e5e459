// AssemblyScript (compiled to WebAssembly by `npm run build`, see build.mjs): the kernels
// behind linalg.gemm (float64: packed and direct), gemm32 (float32), matVec, and the
// eigendecomposition's reduction and rotations. No allocation, no globals: every buffer is an
// address in the memory handed in by the JavaScript side (shared, or the unshared one of the
// small products), so that several instances (one per thread) can work on the same memory.
// tile and tile32 are the same code for two lane types (AssemblyScript's SIMD operations are
// typed, f64x2 or f32x4), kept side by side.
//
// Layout of the packed operands (GotoBLAS style):
//   packed A: panels of 4 rows; panel p holds, for each k, the 4 values op(A)[4p + r][k]
//   packed B: panels of 4 columns; panel q holds, for each k, the 4 values op(B)[k][4q + c]
//             (the packing of op(B)ᵀ as an A)
// Rows and columns past the matrix are zero. A slice [k0, k0 + kc) of a panel is contiguous.
//
// Summation order: every output element is Σ_k a_k·b_k accumulated in increasing k by a
// multiply then an add (no fused multiply-add), in blocks of kc; after each block
// C ← β·C + α·s (first block) or C ← C + α·s (later blocks). Each SIMD lane holds its own
// output element, so the order depends only on k and kc: not on the tiling, the thread that
// runs a tile, or how rows are split between threads.

/**
 * Packs rows [0, m) × columns [0, k) of op(A), op(A)[i][l] = src[i·rs + l·cs] (strides in
 * elements). op(B) is packed as op(B)ᵀ, whose rows are op(B)'s columns: packA(src, cs, rs, n, k, dst).
 */
export function packA(src: usize, rs: i32, cs: i32, m: i32, k: i32, dst: usize): void {
  const panels = (m + 3) >> 2;
  for (let p = 0; p < panels; p++) {
    const base = dst + (<usize>(p * k) << 5);
    for (let r = 0; r < 4; r++) {
      const i = 4 * p + r;
      let out = base + (<usize>r << 3);
      if (i < m) {
        let from = src + (<usize>(i * rs) << 3);
        const step = <usize>cs << 3;
        for (let l = 0; l < k; l++) {
          store<f64>(out, load<f64>(from));
          out += 32;
          from += step;
        }
      } else {
        for (let l = 0; l < k; l++) {
          store<f64>(out, 0.0);
          out += 32;
        }
      }
    }
  }
}

// How a tile is written back: C ← α·s, C ← β·C + α·s, or C ← C + α·s.
const OVERWRITE = 0;
const SCALE = 1;
const ACCUMULATE = 2;

@inline
function update(c: usize, s: v128, alpha: v128, beta: v128, mode: i32): void {
  if (mode == OVERWRITE) v128.store(c, f64x2.mul(alpha, s));
  else if (mode == SCALE) v128.store(c, f64x2.add(f64x2.mul(beta, v128.load(c)), f64x2.mul(alpha, s)));
  else v128.store(c, f64x2.add(v128.load(c), f64x2.mul(alpha, s)));
}

/**
 * The 4×4 tile of C at `c` (row stride ldc elements) from kc steps of op(A) and op(B): step l
 * reads op(A)[r][l] at a + r·ars + l·aks and op(B)[l][0:4] at b + l·bks (strides in bytes).
 * Packed panels have ars = 8, aks = bks = 32; the direct path reads the row-major operands
 * in place. Rows past `rows` read the last valid row (their sums are discarded), so no read
 * leaves op(A); a tile cut by the matrix's edge (rows or cols < 4) goes through `scratch`
 * (16 float64). The operations and their order per element do not depend on the strides.
 */
@inline
function tile(a: usize, ars: usize, aks: usize, b: usize, bks: usize, kc: i32, c: usize, ldc: i32, rows: i32, cols: i32, alpha: f64, beta: f64, mode: i32, scratch: usize): void {
  let s00 = f64x2.splat(0.0), s01 = f64x2.splat(0.0);
  let s10 = f64x2.splat(0.0), s11 = f64x2.splat(0.0);
  let s20 = f64x2.splat(0.0), s21 = f64x2.splat(0.0);
  let s30 = f64x2.splat(0.0), s31 = f64x2.splat(0.0);
  const r1 = <usize>min(1, rows - 1) * ars;
  const r2 = <usize>min(2, rows - 1) * ars;
  const r3 = <usize>min(3, rows - 1) * ars;
  for (let l = 0; l < kc; l++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const a0 = v128.load64_splat(a);
    s00 = f64x2.add(s00, f64x2.mul(a0, b0));
    s01 = f64x2.add(s01, f64x2.mul(a0, b1));
    const a1 = v128.load64_splat(a + r1);
    s10 = f64x2.add(s10, f64x2.mul(a1, b0));
    s11 = f64x2.add(s11, f64x2.mul(a1, b1));
    const a2 = v128.load64_splat(a + r2);
    s20 = f64x2.add(s20, f64x2.mul(a2, b0));
    s21 = f64x2.add(s21, f64x2.mul(a2, b1));
    const a3 = v128.load64_splat(a + r3);
    s30 = f64x2.add(s30, f64x2.mul(a3, b0));
    s31 = f64x2.add(s31, f64x2.mul(a3, b1));
    a += aks;
    b += bks;
  }
  const va = f64x2.splat(alpha);
  const vb = f64x2.splat(beta);
  const row = <usize>ldc << 3;
  if (rows == 4 && cols == 4) {
    update(c, s00, va, vb, mode);
    update(c + 16, s01, va, vb, mode);
    update(c + row, s10, va, vb, mode);
    update(c + row + 16, s11, va, vb, mode);
    update(c + 2 * row, s20, va, vb, mode);
    update(c + 2 * row + 16, s21, va, vb, mode);
    update(c + 3 * row, s30, va, vb, mode);
    update(c + 3 * row + 16, s31, va, vb, mode);
    return;
  }
  v128.store(scratch, s00);
  v128.store(scratch, s01, 16);
  v128.store(scratch, s10, 32);
  v128.store(scratch, s11, 48);
  v128.store(scratch, s20, 64);
  v128.store(scratch, s21, 80);
  v128.store(scratch, s30, 96);
  v128.store(scratch, s31, 112);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const at = c + <usize>r * row + (<usize>j << 3);
      const s = load<f64>(scratch + (<usize>(4 * r + j) << 3));
      // The same operations as `update`, one lane at a time.
      if (mode == OVERWRITE) store<f64>(at, alpha * s);
      else if (mode == SCALE) store<f64>(at, beta * load<f64>(at) + alpha * s);
      else store<f64>(at, load<f64>(at) + alpha * s);
    }
  }
}

/** C ← β·C (β = 0 writes zeros): the product's part when k = 0. */
function scaleOnly(c: usize, ldc: i32, m: i32, n: i32, beta: f64): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const at = c + (<usize>(i * ldc + j) << 3);
      store<f64>(at, beta == 0.0 ? 0.0 : beta * load<f64>(at));
    }
  }
}

/**
 * C[0:m, 0:n] ← α·op(A)·op(B) + β·C for one strip of rows, with op(A)'s strip already packed
 * at `ap` (m rows, all k) and op(B) packed at `bp` (all n columns, all k); `c` points at the
 * strip's first row, row stride ldc. The k loop runs in blocks of kc; β = 0 ignores C's
 * previous content (as BLAS does).
 */
export function gemmStrip(ap: usize, bp: usize, c: usize, ldc: i32, m: i32, n: i32, k: i32, kc: i32, alpha: f64, beta: f64, scratch: usize): void {
  const rowPanels = (m + 3) >> 2;
  const colPanels = (n + 3) >> 2;
  if (k == 0) {
    scaleOnly(c, ldc, m, n, beta);
    return;
  }
  for (let k0 = 0; k0 < k; k0 += kc) {
    const len = min(kc, k - k0);
    const mode = k0 > 0 ? ACCUMULATE : beta == 0.0 ? OVERWRITE : beta == 1.0 ? ACCUMULATE : SCALE;
    for (let q = 0; q < colPanels; q++) {
      const b = bp + (<usize>(q * k + k0) << 5);
      const cols = min(4, n - 4 * q);
      for (let p = 0; p < rowPanels; p++) {
        const a = ap + (<usize>(p * k + k0) << 5);
        const rows = min(4, m - 4 * p);
        tile(a, 8, 32, b, 32, len, c + (<usize>(4 * p * ldc + 4 * q) << 3), ldc, rows, cols, alpha, beta, mode, scratch);
      }
    }
  }
}

/**
 * C[0:m, 0:n] ← α·op(A)·B + β·C without packing, for small products: op(A)[i][l] at
 * a + 8·(i·ars + l·acs), B row-major at b with row stride ldb elements, read in place; the
 * 8·3 bytes after B's last row must be readable (a 4-column tile cut by the edge loads them,
 * into lanes it discards). The same tiles and order of operations as `gemmStrip`, so the
 * result is bitwise the same.
 */
export function gemmDirect(a: usize, ars: i32, acs: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, n: i32, k: i32, kc: i32, alpha: f64, beta: f64, scratch: usize): void {
  if (k == 0) {
    scaleOnly(c, ldc, m, n, beta);
    return;
  }
  const rowStep = <usize>ars << 3;
  const kStep = <usize>acs << 3;
  const bStep = <usize>ldb << 3;
  for (let k0 = 0; k0 < k; k0 += kc) {
    const len = min(kc, k - k0);
    const mode = k0 > 0 ? ACCUMULATE : beta == 0.0 ? OVERWRITE : beta == 1.0 ? ACCUMULATE : SCALE;
    for (let i = 0; i < m; i += 4) {
      const ai = a + <usize>i * rowStep + <usize>k0 * kStep;
      const rows = min(4, m - i);
      for (let j = 0; j < n; j += 4) {
        const bj = b + (<usize>(k0 * ldb + j) << 3);
        tile(ai, rowStep, kStep, bj, bStep, len, c + (<usize>(i * ldc + j) << 3), ldc, rows, min(4, n - j), alpha, beta, mode, scratch);
      }
    }
  }
}

/** 1 when the n float64 at p are all finite, else 0 (x·0 is 0 for finite x, NaN for ±∞ and NaN). */
export function allFinite(p: usize, n: i32): i32 {
  let s0 = f64x2.splat(0.0), s1 = f64x2.splat(0.0);
  const zero = f64x2.splat(0.0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = p + (<usize>i << 3);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(at), zero));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(at, 16), zero));
  }
  const t = f64x2.add(s0, s1);
  let s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  for (; i < n; i++) s += load<f64>(p + (<usize>i << 3)) * 0.0;
  return s == 0.0 ? 1 : 0;
}

// One row's sum in gemvN: lanes of sA take j ≡ 0, 1 (mod 4), lanes of sB j ≡ 2, 3, in increasing j;
// then a pair past the last multiple of 4 into sA, s = (sA + sB) summed over the two lanes, then
// the last term when n is odd. Every row follows this order, whichever group it is computed in.
@inline
function finish(sA: v128, sB: v128, r: usize, x: usize, n: i32, n4: i32, alpha: f64, beta: f64, at: usize): void {
  if (n4 + 2 <= n) {
    const off = <usize>n4 << 3;
    sA = f64x2.add(sA, f64x2.mul(v128.load(r + off), v128.load(x + off)));
  }
  const t = f64x2.add(sA, sB);
  let s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  if (n & 1) {
    const off = <usize>(n - 1) << 3;
    s += load<f64>(r + off) * load<f64>(x + off);
  }
  store<f64>(at, beta == 0.0 ? alpha * s : beta * load<f64>(at) + alpha * s);
}

/**
 * y[0:m] ← α·A·x + β·y for A row-major m × n (row stride lda elements), four rows at a time
 * (each load of x serves four rows). β = 0 ignores y's previous content.
 */
export function gemvN(a: usize, lda: i32, m: i32, n: i32, x: usize, y: usize, alpha: f64, beta: f64): void {
  const n4 = n & ~3;
  const row = <usize>lda << 3;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = a + <usize>i * row;
    const r1 = r0 + row;
    const r2 = r1 + row;
    const r3 = r2 + row;
    let a0 = f64x2.splat(0.0), b0 = f64x2.splat(0.0);
    let a1 = f64x2.splat(0.0), b1 = f64x2.splat(0.0);
    let a2 = f64x2.splat(0.0), b2 = f64x2.splat(0.0);
    let a3 = f64x2.splat(0.0), b3 = f64x2.splat(0.0);
    for (let j = 0; j < n4; j += 4) {
      const off = <usize>j << 3;
      const x0 = v128.load(x + off);
      const x1 = v128.load(x + off, 16);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(r0 + off), x0));
      b0 = f64x2.add(b0, f64x2.mul(v128.load(r0 + off, 16), x1));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(r1 + off), x0));
      b1 = f64x2.add(b1, f64x2.mul(v128.load(r1 + off, 16), x1));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(r2 + off), x0));
      b2 = f64x2.add(b2, f64x2.mul(v128.load(r2 + off, 16), x1));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(r3 + off), x0));
      b3 = f64x2.add(b3, f64x2.mul(v128.load(r3 + off, 16), x1));
    }
    const at = y + (<usize>i << 3);
    finish(a0, b0, r0, x, n, n4, alpha, beta, at);
    finish(a1, b1, r1, x, n, n4, alpha, beta, at + 8);
    finish(a2, b2, r2, x, n, n4, alpha, beta, at + 16);
    finish(a3, b3, r3, x, n, n4, alpha, beta, at + 24);
  }
  for (; i < m; i++) {
    const r = a + <usize>i * row;
    let sA = f64x2.splat(0.0), sB = f64x2.splat(0.0);
    for (let j = 0; j < n4; j += 4) {
      const off = <usize>j << 3;
      sA = f64x2.add(sA, f64x2.mul(v128.load(r + off), v128.load(x + off)));
      sB = f64x2.add(sB, f64x2.mul(v128.load(r + off, 16), v128.load(x + off, 16)));
    }
    finish(sA, sB, r, x, n, n4, alpha, beta, y + (<usize>i << 3));
  }
}

/**
 * The plane rotations of one implicit QL sweep, applied to the rows of w (row-major, n per
 * row): for i = to − 1 down to from, (wᵢ, wᵢ₊₁) ← (c·wᵢ − s·wᵢ₊₁, s·wᵢ + c·wᵢ₊₁) with
 * c = cs[i], s = ss[i]. The same operations, in the same order per entry, as rotating in the sweep.
 */
export function rotateRows(w: usize, n: i32, from: i32, to: i32, cs: usize, ss: usize): void {
  const row = <usize>n << 3;
  const n2 = n & ~1;
  for (let i = to - 1; i >= from; i--) {
    const c = load<f64>(cs + (<usize>i << 3));
    const s = load<f64>(ss + (<usize>i << 3));
    const vc = f64x2.splat(c);
    const vs = f64x2.splat(s);
    const ri = w + <usize>i * row;
    const rn = ri + row;
    for (let k = 0; k < n2; k += 2) {
      const off = <usize>k << 3;
      const h = v128.load(rn + off);
      const v = v128.load(ri + off);
      v128.store(rn + off, f64x2.add(f64x2.mul(vs, v), f64x2.mul(vc, h)));
      v128.store(ri + off, f64x2.sub(f64x2.mul(vc, v), f64x2.mul(vs, h)));
    }
    if (n2 < n) {
      const off = <usize>n2 << 3;
      const h = load<f64>(rn + off);
      const v = load<f64>(ri + off);
      store<f64>(rn + off, s * v + c * h);
      store<f64>(ri + off, c * v - s * h);
    }
  }
}

// float32: the same scheme with f32x4 lanes. Packed A: panels of 4 rows (16 bytes per k);
// packed B: panels of 8 columns (32 bytes per k); a 4×8 register tile (eight f32x4
// accumulators). Every element is summed in increasing k by a float32 multiply then a
// float32 add, in blocks of kc, then updated as in float64, with α and β rounded to float32.

/**
 * Packs rows [0, m) × columns [0, k) of a float32 op(X), op(X)[i][l] = src[i·rs + l·cs]
 * (strides in elements), into panels of w rows (w = 4 for A, 8 for op(B)ᵀ); rows past m are zero.
 */
export function packPanels32(src: usize, rs: i32, cs: i32, m: i32, k: i32, dst: usize, w: i32): void {
  const panels = (m + w - 1) / w;
  const kStep = <usize>(w << 2);
  for (let p = 0; p < panels; p++) {
    const base = dst + <usize>(p * k) * kStep;
    for (let r = 0; r < w; r++) {
      const i = w * p + r;
      let out = base + (<usize>r << 2);
      if (i < m) {
        let from = src + (<usize>(i * rs) << 2);
        const step = <usize>cs << 2;
        for (let l = 0; l < k; l++) {
          store<f32>(out, load<f32>(from));
          out += kStep;
          from += step;
        }
      } else {
        for (let l = 0; l < k; l++) {
          store<f32>(out, 0.0);
          out += kStep;
        }
      }
    }
  }
}

@inline
function update32(c: usize, s: v128, alpha: v128, beta: v128, mode: i32): void {
  if (mode == OVERWRITE) v128.store(c, f32x4.mul(alpha, s));
  else if (mode == SCALE) v128.store(c, f32x4.add(f32x4.mul(beta, v128.load(c)), f32x4.mul(alpha, s)));
  else v128.store(c, f32x4.add(v128.load(c), f32x4.mul(alpha, s)));
}

/** The 4×8 float32 tile of C at `c` from kc steps of packed panels (a: 16 bytes per step, b: 32); edge tiles through `scratch` (32 float32). */
@inline
function tile32(a: usize, b: usize, kc: i32, c: usize, ldc: i32, rows: i32, cols: i32, alpha: f32, beta: f32, mode: i32, scratch: usize): void {
  let s00 = f32x4.splat(0.0), s01 = f32x4.splat(0.0);
  let s10 = f32x4.splat(0.0), s11 = f32x4.splat(0.0);
  let s20 = f32x4.splat(0.0), s21 = f32x4.splat(0.0);
  let s30 = f32x4.splat(0.0), s31 = f32x4.splat(0.0);
  for (let l = 0; l < kc; l++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const a0 = v128.load32_splat(a);
    s00 = f32x4.add(s00, f32x4.mul(a0, b0));
    s01 = f32x4.add(s01, f32x4.mul(a0, b1));
    const a1 = v128.load32_splat(a, 4);
    s10 = f32x4.add(s10, f32x4.mul(a1, b0));
    s11 = f32x4.add(s11, f32x4.mul(a1, b1));
    const a2 = v128.load32_splat(a, 8);
    s20 = f32x4.add(s20, f32x4.mul(a2, b0));
    s21 = f32x4.add(s21, f32x4.mul(a2, b1));
    const a3 = v128.load32_splat(a, 12);
    s30 = f32x4.add(s30, f32x4.mul(a3, b0));
    s31 = f32x4.add(s31, f32x4.mul(a3, b1));
    a += 16;
    b += 32;
  }
  const va = f32x4.splat(alpha);
  const vb = f32x4.splat(beta);
  const row = <usize>ldc << 2;
  if (rows == 4 && cols == 8) {
    update32(c, s00, va, vb, mode);
    update32(c + 16, s01, va, vb, mode);
    update32(c + row, s10, va, vb, mode);
    update32(c + row + 16, s11, va, vb, mode);
    update32(c + 2 * row, s20, va, vb, mode);
    update32(c + 2 * row + 16, s21, va, vb, mode);
    update32(c + 3 * row, s30, va, vb, mode);
    update32(c + 3 * row + 16, s31, va, vb, mode);
    return;
  }
  v128.store(scratch, s00);
  v128.store(scratch, s01, 16);
  v128.store(scratch, s10, 32);
  v128.store(scratch, s11, 48);
  v128.store(scratch, s20, 64);
  v128.store(scratch, s21, 80);
  v128.store(scratch, s30, 96);
  v128.store(scratch, s31, 112);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const at = c + <usize>r * row + (<usize>j << 2);
      const s = load<f32>(scratch + (<usize>(8 * r + j) << 2));
      if (mode == OVERWRITE) store<f32>(at, alpha * s);
      else if (mode == SCALE) store<f32>(at, beta * load<f32>(at) + alpha * s);
      else store<f32>(at, load<f32>(at) + alpha * s);
    }
  }
}

/** `gemmStrip` in float32: op(A)'s strip packed at `ap` in 4-row panels, op(B) at `bp` in 8-column panels. */
export function gemmStrip32(ap: usize, bp: usize, c: usize, ldc: i32, m: i32, n: i32, k: i32, kc: i32, alpha: f32, beta: f32, scratch: usize): void {
  if (k == 0) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const at = c + (<usize>(i * ldc + j) << 2);
        store<f32>(at, beta == 0.0 ? 0.0 : beta * load<f32>(at));
      }
    }
    return;
  }
  const rowPanels = (m + 3) >> 2;
  const colPanels = (n + 7) >> 3;
  for (let k0 = 0; k0 < k; k0 += kc) {
    const len = min(kc, k - k0);
    const mode = k0 > 0 ? ACCUMULATE : beta == 0.0 ? OVERWRITE : beta == 1.0 ? ACCUMULATE : SCALE;
    for (let q = 0; q < colPanels; q++) {
      const b = bp + (<usize>(q * k + k0) << 5);
      const cols = min(8, n - 8 * q);
      for (let p = 0; p < rowPanels; p++) {
        const a = ap + (<usize>(p * k + k0) << 4);
        tile32(a, b, len, c + (<usize>(4 * p * ldc + 8 * q) << 2), ldc, min(4, m - 4 * p), cols, alpha, beta, mode, scratch);
      }
    }
  }
}

/** 1 when the n float32 at p are all finite, else 0. */
export function allFinite32(p: usize, n: i32): i32 {
  let s = f32x4.splat(0.0);
  const zero = f32x4.splat(0.0);
  let i = 0;
  for (; i + 4 <= n; i += 4) s = f32x4.add(s, f32x4.mul(v128.load(p + (<usize>i << 2)), zero));
  let t = f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
  for (; i < n; i++) t += load<f32>(p + (<usize>i << 2)) * <f32>0.0;
  return t == 0.0 ? 1 : 0;
}

// Householder tridiagonalization (eigen.ts's tred2), the O(n²) inner loops of step i on
// w (row-major, n per row, Vᵀ of the reduction), d and e (float64 vectors in memory).

/**
 * e[0:i] ← (lower part of A)·d[0:i] through the rows of w, and row i of w ← d[0:i]:
 * for j < i, gⱼ = e[j] + w[j][j]·d[j] + Σ_{k=j+1}^{i−1} w[j][k]·d[k] (the sum over k in two
 * lanes, k − j odd and even, then added, then the last k when the count is odd), and
 * e[k] += w[j][k]·d[j] for k in (j, i) (in increasing j for each k); then e[j] = gⱼ.
 * e[0:i] must be zero on entry.
 */
export function tredSymv(w: usize, n: i32, i: i32, d: usize, e: usize): void {
  const row = <usize>n << 3;
  for (let j = 0; j < i; j++) {
    const col = w + <usize>j * row;
    const f = load<f64>(d + (<usize>j << 3));
    store<f64>(w + <usize>i * row + (<usize>j << 3), f);
    let g = load<f64>(e + (<usize>j << 3)) + load<f64>(col + (<usize>j << 3)) * f;
    const vf = f64x2.splat(f);
    let s = f64x2.splat(0.0);
    let k = j + 1;
    for (; k + 2 <= i; k += 2) {
      const off = <usize>k << 3;
      const wk = v128.load(col + off);
      s = f64x2.add(s, f64x2.mul(wk, v128.load(d + off)));
      v128.store(e + off, f64x2.add(v128.load(e + off), f64x2.mul(wk, vf)));
    }
    g += f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    if (k < i) {
      const off = <usize>k << 3;
      const wk = load<f64>(col + off);
      g += wk * load<f64>(d + off);
      store<f64>(e + off, load<f64>(e + off) + wk * f);
    }
    store<f64>(e + (<usize>j << 3), g);
  }
}

/**
 * The rank-2 update of step i: for j < i, w[j][k] −= d[j]·e[k] + e[j]·d[k] for k in [j, i),
 * then d[j] ← w[j][i−1] and w[j][i] ← 0 (the same operations per entry as the scalar loop).
 */
export function tredRank2(w: usize, n: i32, i: i32, d: usize, e: usize): void {
  const row = <usize>n << 3;
  for (let j = 0; j < i; j++) {
    const col = w + <usize>j * row;
    const f = load<f64>(d + (<usize>j << 3));
    const g = load<f64>(e + (<usize>j << 3));
    const vf = f64x2.splat(f);
    const vg = f64x2.splat(g);
    let k = j;
    for (; k + 2 <= i; k += 2) {
      const off = <usize>k << 3;
      v128.store(col + off, f64x2.sub(v128.load(col + off), f64x2.add(f64x2.mul(vf, v128.load(e + off)), f64x2.mul(vg, v128.load(d + off)))));
    }
    if (k < i) {
      const off = <usize>k << 3;
      store<f64>(col + off, load<f64>(col + off) - (f * load<f64>(e + off) + g * load<f64>(d + off)));
    }
    store<f64>(d + (<usize>j << 3), load<f64>(col + (<usize>(i - 1) << 3)));
    store<f64>(col + (<usize>i << 3), 0.0);
  }
}

/**
 * One step of the accumulation of the transformations: with u = w[i+1][0:i+1] and d[0:i+1] = u/h,
 * for j ≤ i, g = Σ_{k≤i} u[k]·w[j][k] (in two lanes, k even and odd, then added, then the
 * last k when i + 1 is odd) and w[j][0:i+1] −= g·d.
 */
export function tredAccumulate(w: usize, n: i32, i: i32, d: usize): void {
  const row = <usize>n << 3;
  const u = w + <usize>(i + 1) * row;
  const len = i + 1;
  const len2 = len & ~1;
  for (let j = 0; j <= i; j++) {
    const col = w + <usize>j * row;
    let s = f64x2.splat(0.0);
    for (let k = 0; k < len2; k += 2) {
      const off = <usize>k << 3;
      s = f64x2.add(s, f64x2.mul(v128.load(u + off), v128.load(col + off)));
    }
    let g = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    if (len2 < len) {
      const off = <usize>len2 << 3;
      g += load<f64>(u + off) * load<f64>(col + off);
    }
    const vg = f64x2.splat(g);
    for (let k = 0; k < len2; k += 2) {
      const off = <usize>k << 3;
      v128.store(col + off, f64x2.sub(v128.load(col + off), f64x2.mul(vg, v128.load(d + off))));
    }
    if (len2 < len) {
      const off = <usize>len2 << 3;
      store<f64>(col + off, load<f64>(col + off) - g * load<f64>(d + off));
    }
  }
}
