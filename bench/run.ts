/**
 * `npm run bench`: the hot paths, timed beside the same loops in numpy where a Python with
 * numpy is found (a yardstick only, never a dependency). Rounds are interleaved (every case
 * in landscape, then every case in numpy, round after round) and the table shows medians over
 * rounds, so that a machine shared with other work slows both sides alike.
 * Later issues add their cases to `cases`.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { ad, gd, linalg, objectives, rng, symmetricEigen } from "landscape";

interface Case {
  name: string;
  /** What one unit of `perSecond` is. */
  unit: string;
  /** Runs the work once and returns how many units it did. */
  run(): number;
  /** The same work in Python with numpy (`np` imported), defining `run()` that returns the units done. */
  numpy?: string;
  /** BLAS threads numpy may use for this case (default 1). */
  numpyThreads?: number;
  /** Floating-point operations per unit, for the GFLOP/s columns. */
  flops?: number;
  /** Timed runs per round (default 3; the round's rate is their median). */
  repeats?: number;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

function spd(d: number) {
  const r = rng(d);
  const g = r.normalMatrix(d, d);
  return g.transpose().mmul(g).div(d).add(Matrix.eye(d));
}

const gdCase = (d: number, iterations: number): Case => {
  const f = objectives.quadratic(spd(d), rng(1).normalVector(d));
  const x0 = new Float64Array(d).fill(1);
  return {
    name: `gradient descent, quadratic d = ${d}`,
    unit: "iterations",
    run: () => gd(f, x0, { stepSize: 1 / f.spectrum.max, maxIterations: iterations, tolerance: 1e-300 }).iterations,
    numpy: `
rs = np.random.RandomState(${d}); G = rs.randn(${d}, ${d}); A = G.T @ G / ${d} + np.eye(${d}); b = rs.randn(${d})
eta = 1 / np.linalg.eigvalsh(A).max()
def run():
    x = np.ones(${d})
    for k in range(${iterations}):
        Ax = A @ x  # one product for the value and the gradient, as the library does
        v = 0.5 * x @ Ax - b @ x
        g = Ax - b
        gn = np.sqrt(g @ g)
        x -= eta * g
    return ${iterations}`,
  };
};

const octopus8 = objectives.octopus(8);
const octopusStart = Float64Array.from({ length: 8 }, () => rng(0).uniform(-1, 1));
const octopusStep = 3 / (4 * octopus8.L * octopus8.tau);

const randomDense = (rows: number, cols: number, seed: number) => linalg.dense(rows, cols, rng(seed).normalVector(rows * cols));

/** C = A·B for A m×k, B k×n, `calls` products per unit of work, on `threads` threads. */
function gemmCase(m: number, k: number, n: number, threads: number, calls = 1): Case {
  const a = randomDense(m, k, 1);
  const b = randomDense(k, n, 2);
  const c = linalg.dense(m, n);
  return {
    name: `gemm float64 ${m}×${k}·${k}×${n}, ${threads} thread${threads > 1 ? "s" : ""}`,
    unit: "products",
    flops: 2 * m * n * k,
    run: () => {
      const options = { threads };
      for (let i = 0; i < calls; i++) linalg.gemm(a, b, c, options);
      return calls;
    },
    numpyThreads: threads,
    numpy: `
rs = np.random.RandomState(1); A = rs.randn(${m}, ${k}); B = rs.randn(${k}, ${n}); C = np.empty((${m}, ${n}))
def run():
    for i in range(${calls}):
        np.matmul(A, B, out=C)
    return ${calls}`,
  };
}

/** C = A·B in float32 (`gemm32`) against numpy's float32 product. */
function gemm32Case(m: number, k: number, n: number, threads: number): Case {
  const a = linalg.dense32(m, k, Float32Array.from(rng(1).normalVector(m * k)));
  const b = linalg.dense32(k, n, Float32Array.from(rng(2).normalVector(k * n)));
  const c = linalg.dense32(m, n);
  return {
    name: `gemm float32 ${m}×${k}·${k}×${n}, ${threads} thread${threads > 1 ? "s" : ""}`,
    unit: "products",
    flops: 2 * m * n * k,
    run: () => {
      linalg.gemm32(a, b, c, { threads });
      return 1;
    },
    numpyThreads: threads,
    numpy: `
rs = np.random.RandomState(1); A = rs.randn(${m}, ${k}).astype(np.float32); B = rs.randn(${k}, ${n}).astype(np.float32); C = np.empty((${m}, ${n}), dtype=np.float32)
def run():
    np.matmul(A, B, out=C)
    return 1`,
  };
}

/** y = A·x, n × n: `gemv` on a plain dense A, or `matVec(A).apply` (A copied once into WebAssembly memory). */
function gemvCase(n: number, calls: number, resident: boolean): Case {
  const a = randomDense(n, n, 3);
  const op = linalg.matVec(a);
  const x = rng(4).normalVector(n);
  const y = new Float64Array(n);
  return {
    name: resident ? `mat-vec float64 ${n}×${n}, matVec(A).apply` : `mat-vec float64 ${n}×${n}, gemv`,
    unit: "products",
    flops: 2 * n * n,
    run: () => {
      if (resident) for (let i = 0; i < calls; i++) op.apply(x, y);
      else for (let i = 0; i < calls; i++) linalg.gemv(a, x, y);
      return calls;
    },
    numpy: `
rs = np.random.RandomState(3); A = rs.randn(${n}, ${n}); x = rs.randn(${n}); y = np.empty(${n})
def run():
    for i in range(${calls}):
        np.matmul(A, x, out=y)
    return ${calls}`,
  };
}

/** One epoch of the 784–1024–10 network in numpy (forward, softmax cross-entropy, backward, step), for both precisions. */
const NUMPY_EPOCH = `
def run():
    global W1, W2, b1, b2
    Z1 = X @ W1 + b1
    Hd = np.maximum(Z1, 0)
    Z2 = Hd @ W2 + b2
    Z2 = Z2 - Z2.max(axis=1, keepdims=True)
    P = np.exp(Z2); P /= P.sum(axis=1, keepdims=True)
    loss = -np.log(P[np.arange(N), labels]).mean()
    P[np.arange(N), labels] -= 1; P /= N
    dW2 = Hd.T @ P; db2 = P.sum(axis=0)
    dH = P @ W2.T; dH *= Z1 > 0
    dW1 = X.T @ dH; db1 = dH.sum(axis=0)
    W1 -= eta * dW1; W2 -= eta * dW2; b1 -= eta * db1; b2 -= eta * db2
    return 1`;

/**
 * The case of one epoch of the 784–1024–10 ReLU net on N = 2,000 examples (2N(2DH + 3HK) FLOPs),
 * `label` naming its precision, against numpy's loop (NUMPY_EPOCH) after its `setup` lines.
 */
function epochBenchCase(label: string, threads: number, epoch: () => unknown, setup: string): Case {
  const N = 2000, D = 784, H = 1024, K = 10;
  return {
    name: `${label}, 784–1024–10 ReLU net, 2,000 examples, ${threads} thread${threads > 1 ? "s" : ""}`,
    unit: "epochs",
    flops: 2 * N * (2 * D * H + 3 * H * K),
    repeats: 1,
    run: () => {
      epoch();
      return 1;
    },
    numpyThreads: threads,
    numpy: `${setup}
${NUMPY_EPOCH}`,
  };
}

/**
 * One epoch of full-batch gradient descent for a 784–1024–10 ReLU network with softmax
 * cross-entropy on 2,000 examples: `objectives.softmaxNetwork`'s pass (forward, backward with
 * explicit products, in blocks of 512 rows) and the update θ ← θ − η∇f.
 */
function epochCase(threads: number): Case {
  const N = 2000;
  const D = 784;
  const H = 1024;
  const K = 10;
  const r = rng(5);
  const x = randomDense(N, D, 6);
  const labels = Array.from({ length: N }, () => r.integer(0, K - 1));
  const network = objectives.softmaxNetwork(x, labels, { width: H, classes: K, threads });
  const theta = network.init(r);
  const g = new Float64Array(network.dim);
  const eta = 0.1;
  const epoch = () => {
    const loss = network.value(theta);
    linalg.axpy(-eta, network.grad(theta, g), theta);
    return loss;
  };
  return epochBenchCase("epoch", threads, epoch, `
rs = np.random.RandomState(5); N, D, H, K = 2000, 784, 1024, 10
X = rs.randn(N, D); labels = rs.randint(0, K, N)
W1 = rs.randn(D, H) * np.sqrt(2 / D); W2 = rs.randn(H, K) * np.sqrt(1 / H); b1 = np.zeros(H); b2 = np.zeros(K); eta = 0.1`);
}

/** The same epoch in float32 (`gemm32` and the maps on `Dense32`), against numpy's float32 loop. */
function epoch32Case(threads: number): Case {
  const N = 2000;
  const D = 784;
  const H = 1024;
  const K = 10;
  const r = rng(5);
  const f32 = (rows: number, cols: number, data?: Float64Array) => linalg.dense32(rows, cols, data && Float32Array.from(data));
  const x = f32(N, D, rng(6).normalVector(N * D));
  const labels = Array.from({ length: N }, () => r.integer(0, K - 1));
  const w1 = f32(D, H, r.normalVector(D * H, Math.sqrt(2 / D)));
  const w2 = f32(H, K, r.normalVector(H * K, Math.sqrt(1 / H)));
  const b1 = new Float32Array(H);
  const b2 = new Float32Array(K);
  const [z1, h, z2, p, dw1, dw2, dh] = [f32(N, H), f32(N, H), f32(N, K), f32(N, K), f32(D, H), f32(H, K), f32(N, H)];
  const db1 = new Float64Array(H);
  const db2 = new Float64Array(K);
  const eta = 0.1;
  const step = (w: Float32Array, g: Float32Array | Float64Array) => {
    for (let i = 0; i < w.length; i++) w[i] -= eta * g[i];
  };
  const options = { threads };
  const epoch = () => {
    linalg.addBias(linalg.gemm32(x, w1, z1, options), b1);
    linalg.relu(z1, h);
    linalg.addBias(linalg.gemm32(h, w2, z2, options), b2);
    linalg.softmaxRows(z2, p);
    let loss = 0;
    for (let i = 0; i < N; i++) {
      loss -= Math.log(p.data[i * K + labels[i]]);
      p.data[i * K + labels[i]] -= 1;
    }
    for (let i = 0; i < N * K; i++) p.data[i] /= N;
    linalg.gemm32(h, p, dw2, { transA: true, threads });
    linalg.columnSums(p, db2);
    linalg.gemm32(p, w2, dh, { transB: true, threads });
    linalg.reluMask(z1, dh, dh);
    linalg.gemm32(x, dh, dw1, { transA: true, threads });
    linalg.columnSums(dh, db1);
    step(w1.data, dw1.data);
    step(w2.data, dw2.data);
    step(b1, db1);
    step(b2, db2);
    return loss / N;
  };
  return epochBenchCase("epoch float32", threads, epoch, `
rs = np.random.RandomState(5); N, D, H, K = 2000, 784, 1024, 10; f = np.float32
X = rs.randn(N, D).astype(f); labels = rs.randint(0, K, N)
W1 = (rs.randn(D, H) * np.sqrt(2 / D)).astype(f); W2 = (rs.randn(H, K) * np.sqrt(1 / H)).astype(f); b1 = np.zeros(H, f); b2 = np.zeros(K, f); eta = f(0.1)`);
}

const evd200 = spd(200);
const evdDense = linalg.fromMatrix(evd200);

/** Gradient descent on Safran–Shamir's closed-form population loss, teacher V = I_k, n = k (notebook 03b's inner loop). */
function teacherStudentCase(k: number, iterations: number): Case {
  const f = objectives.reluTeacherStudent(Matrix.eye(k), k);
  const w0 = rng(0).normalVector(k * k, 1 / Math.sqrt(k));
  return {
    name: `gradient descent, ReLU teacher–student k = n = ${k} (notebook 03b)`,
    unit: "iterations",
    run: () => gd(f, w0, { stepSize: 5 / k, maxIterations: iterations, tolerance: 1e-300 }).iterations,
    // the same closed form vectorized: arc-cosine kernels of the student pairs and of the student–teacher pairs (V = I: ūᵢᵀeⱼ = Uᵢⱼ)
    numpy: `
k = ${k}; W0 = np.random.RandomState(0).randn(k, k) / np.sqrt(k)
teacher = 0.5 * (k * 0.5 + k * (k - 1) / (2 * np.pi))
def value_grad(W):
    r = np.linalg.norm(W, axis=1); U = W / r[:, None]
    C = np.clip(U @ U.T, -1, 1); T = np.pi - np.arccos(C); S = np.sqrt((1 - C) * (1 + C))
    Cv = np.clip(U, -1, 1); Tv = np.pi - np.arccos(Cv); Sv = np.sqrt((1 - Cv) * (1 + Cv))
    v = 0.5 * (np.outer(r, r) * (S + T * C)).sum() / (2 * np.pi) - (r[:, None] * (Sv + Tv * Cv)).sum() / (2 * np.pi) + teacher
    g = ((S @ r - Sv.sum(axis=1))[:, None] * U + T @ W - Tv) / (2 * np.pi)
    return v, g
def run():
    W = W0.copy()
    for it in range(${iterations}):
        v, g = value_grad(W)
        gn = np.sqrt((g * g).sum())
        W -= (5 / k) * g
    return ${iterations}`,
  };
}

const cases: Case[] = [
  gdCase(10, 20_000),
  gdCase(100, 5_000),
  gdCase(1000, 200),
  {
    name: "octopus d = 8, exact GD (notebook 02)",
    unit: "iterations",
    run: () => octopus8.gradientDescentPassages(octopusStart, { stepSize: octopusStep, maxIterations: 2_000_000 }).iterations,
  },
  gemmCase(20, 20, 20, 1, 2000),
  gemmCase(200, 200, 200, 1, 10),
  gemmCase(200, 200, 200, 2, 10),
  gemmCase(1000, 784, 512, 1),
  gemmCase(1000, 784, 512, 2),
  gemm32Case(200, 200, 200, 1),
  gemm32Case(200, 200, 200, 2),
  gemm32Case(1000, 784, 512, 1),
  gemm32Case(1000, 784, 512, 2),
  gemvCase(100, 20_000, true),
  gemvCase(100, 20_000, false),
  gemvCase(1000, 200, true),
  gemvCase(1000, 200, false),
  {
    name: "symmetric EVD 200×200 (symmetricEigen)",
    unit: "decompositions",
    repeats: 3,
    run: () => {
      symmetricEigen(evd200);
      return 1;
    },
    numpy: `
A = np.random.RandomState(2).randn(200, 200); A = A.T @ A
def run():
    np.linalg.eigh(A)
    return 1`,
  },
  {
    name: "symmetric EVD 200×200, values only",
    unit: "decompositions",
    run: () => {
      linalg.symmetricEigenDense(evdDense, { vectors: false });
      return 1;
    },
    numpy: `
A = np.random.RandomState(2).randn(200, 200); A = A.T @ A
def run():
    np.linalg.eigvalsh(A)
    return 1`,
  },
  {
    name: "ml-matrix mmul 200×200 (before the core)",
    unit: "products",
    flops: 2 * 200 ** 3,
    repeats: 1,
    run: () => {
      const a = rng(2).normalMatrix(200, 200);
      a.mmul(a);
      return 1;
    },
  },
  {
    name: "ml-matrix symmetric EVD 200×200 (before the core)",
    unit: "decompositions",
    repeats: 1,
    run: () => {
      new EigenvalueDecomposition(evd200, { assumeSymmetric: true });
      return 1;
    },
  },
  epochCase(1),
  epochCase(2),
  teacherStudentCase(12, 2000),
  epoch32Case(2),
];

const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const selected = only ? cases.filter((c) => only.test(c.name)) : cases;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A round's rates: units per second of wall time and of the process's CPU time. */
interface Rates {
  wall: number;
  cpu: number;
}

/** One round of a case in landscape: the median rates of its repeats. */
function timeJs(c: Case): Rates {
  const runs = Array.from({ length: c.repeats ?? 3 }, () => {
    const cpu = process.cpuUsage();
    const t = process.hrtime.bigint();
    const units = c.run();
    const wall = Number(process.hrtime.bigint() - t) / 1e9;
    const used = process.cpuUsage(cpu);
    return { wall: units / wall, cpu: units / ((used.user + used.system) / 1e6) };
  });
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

function findPython(): string | undefined {
  for (const python of [process.env.LANDSCAPE_PYTHON, "/usr/bin/python3", "python3"].filter(Boolean) as string[]) {
    if (spawnSync(python, ["-c", "import numpy"], { stdio: "ignore" }).status === 0) return python;
  }
  return undefined;
}

function numpyEnv(threads: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  // OpenBLAS's core type chosen by itself, for this yardstick's command only (see the env notes in the README).
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** One round of the numpy side of `group` (cases with the same thread count) in one Python process; rates in order. */
function numpyRound(python: string, group: Case[], threads: number, warmUp: boolean): Rates[] {
  const bodies = group.map((c) => JSON.stringify(c.numpy));
  const script = `import numpy as np, time, json
out = []
for body, repeats in zip([${bodies.join(", ")}], [${group.map((c) => c.repeats ?? 3).join(", ")}]):
    ns = {"np": np}
    exec(body, ns)
    run = ns["run"]
    ${warmUp ? "run()" : "pass"}
    wall, cpu = [], []
    for _ in range(repeats):
        c = time.process_time(); t = time.perf_counter(); u = run()
        wall.append(u / (time.perf_counter() - t)); cpu.append(u / (time.process_time() - c))
    med = lambda r: sorted(r)[len(r) // 2] if len(r) % 2 else sum(sorted(r)[len(r) // 2 - 1:len(r) // 2 + 1]) / 2
    out.append({"wall": med(wall), "cpu": med(cpu)})
print(json.dumps(out))`;
  const run = spawnSync(python, ["-c", script], { encoding: "utf8", env: numpyEnv(threads) });
  if (run.status !== 0) throw new Error(`numpy (${threads} thread(s)) failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function openblasCore(python: string): string {
  const script = `import numpy, ctypes
core = "unknown"
for line in open("/proc/self/maps"):
    if "openblas" in line.lower():
        lib = ctypes.CDLL(line.split()[-1]); lib.openblas_get_corename.restype = ctypes.c_char_p
        core = lib.openblas_get_corename().decode(); break
print(numpy.__version__, core)`;
  const out = spawnSync(python, ["-c", script], { encoding: "utf8", env: numpyEnv(1) });
  return out.status === 0 ? out.stdout.trim().replace(" ", ", OpenBLAS core ") : "version unknown";
}

const python = findPython();
const load0 = loadavg()[0];
console.log(`${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores; node ${process.version}; load average ${load0.toFixed(2)} at start`);
console.log(`numpy: ${python ? `${python}, numpy ${openblasCore(python)}` : "not found (set LANDSCAPE_PYTHON to a python with numpy)"}`);
console.log(`${rounds} interleaved rounds (BENCH_ROUNDS); each cell is the median over rounds of a round's median run`);
console.log("rates and ratios in wall time; for one-thread cases also in CPU time (user + system), which other work on the machine inflates less\n");

const jsRates = selected.map(() => [] as Rates[]);
const npRates = selected.map(() => [] as Rates[]);
const byThreads = new Map<number, number[]>();
selected.forEach((c, i) => {
  if (!c.numpy) return;
  const t = c.numpyThreads ?? 1;
  byThreads.set(t, [...(byThreads.get(t) ?? []), i]);
});
for (const c of selected) c.run(); // warm-up (JIT, WebAssembly compile, worker start)
for (let round = 0; round < rounds; round++) {
  selected.forEach((c, i) => jsRates[i].push(timeJs(c)));
  if (python) {
    for (const [threads, indices] of byThreads) {
      const rates = numpyRound(python, indices.map((i) => selected[i]), threads, true);
      indices.forEach((i, j) => npRates[i].push(rates[j]));
    }
  }
  process.stderr.write(`round ${round + 1}/${rounds} done\n`);
}

const fmt = (v: number | undefined) => (v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toPrecision(3));
const table = selected.map((c, i) => {
  const js = median(jsRates[i].map((r) => r.wall));
  const np = npRates[i].length ? median(npRates[i].map((r) => r.wall)) : undefined;
  const oneThread = !c.name.includes("2 threads");
  const cpuRatio = np !== undefined && oneThread ? median(npRates[i].map((r) => r.cpu)) / median(jsRates[i].map((r) => r.cpu)) : undefined;
  const gflops = (rate: number | undefined) => (c.flops && rate !== undefined ? ((rate * c.flops) / 1e9).toFixed(1) : "—");
  return {
    case: c.name,
    unit: `${c.unit}/s`,
    landscape: fmt(js),
    numpy: fmt(np),
    "GFLOP/s": gflops(js),
    "numpy GFLOP/s": gflops(np),
    "time ÷ numpy's": np ? (np / js).toFixed(2) : "—",
    "CPU time ÷ numpy's": cpuRatio === undefined ? "—" : cpuRatio.toFixed(2),
  };
});
console.table(table);
console.log(`load average ${loadavg()[0].toFixed(2)} at the end (${cpus().length} cores): above ${cpus().length} the timings are shared with other work`);

/** Timed runs per size in the automatic-differentiation section (median). */
const repeats = Number(process.env.BENCH_REPEATS ?? 7);

/**
 * Automatic differentiation (notebook 01): a two-layer ReLU network's ℓ1 loss on n points
 * in ℝ¹⁰ with k hidden units, as an `ad` program; the time of the function alone, of the
 * framework rule and of the clarke rule (median of `repeats`), and the operation-count ratios.
 */
function autodiffSection(): void {
  const sizes: [number, number][] = [[10, 10], [100, 30], [100, 100], [300, 100], [1000, 100]];
  const d = 10;
  const rows = sizes.map(([n, k]) => {
    const r = rng(n * 1000 + k);
    const Z = Array.from({ length: n }, () => Array.from(r.normalVector(d)));
    const program = ad.reluNetworkProgram(Z, Z.map((z) => z[0] - z[1]), { hidden: k });
    const theta = r.normalVector(k * d + k, 1 / Math.sqrt(d));
    const ms = (run: () => unknown) => {
      run();
      return median(Array.from({ length: repeats }, () => {
        const t = process.hrtime.bigint();
        run();
        return Number(process.hrtime.bigint() - t) / 1e6;
      }));
    };
    const fn = ms(() => ad.evaluate(program, theta));
    const fw = ms(() => ad.grad(program, theta, { rule: "framework" }));
    const cl = ms(() => ad.grad(program, theta));
    const ops = ad.evaluate(program, theta).operations.total;
    return {
      "n × k": `${n}×${k}`,
      "function ms": fmt(fn),
      "framework ms": fmt(fw),
      "clarke ms": fmt(cl),
      "clarke/function time": (cl / fn).toFixed(2),
      "framework/function ops": (ad.grad(program, theta, { rule: "framework" }).operations.total / ops).toFixed(3),
      "clarke/function ops": (ad.grad(program, theta).operations.total / ops).toFixed(3),
    };
  });
  console.log("\nautomatic differentiation: two-layer ReLU network ℓ1 loss, d = 10 (notebook 01)");
  console.table(rows);
}
if (!only || only.test("automatic differentiation")) autodiffSection();
