/**
 * `npm run bench`: the hot paths, timed as medians over repeated runs, beside the same
 * loops in numpy where a Python with numpy is found (a yardstick only, never a dependency).
 * Later issues add their cases to `cases`.
 */
import { spawnSync } from "node:child_process";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { ad, gd, objectives, rng } from "landscape";

interface Case {
  name: string;
  /** What one unit of `perSecond` is. */
  unit: string;
  /** Runs the work once and returns how many units it did. */
  run(): number;
  /** The same work in Python with numpy (`np` imported, `time` available), printing units per second. */
  numpy?: string;
}

const repeats = Number(process.env.BENCH_REPEATS ?? 7);

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

const cases: Case[] = [
  gdCase(10, 20_000),
  gdCase(100, 5_000),
  gdCase(1000, 200),
  {
    name: "octopus d = 8, exact GD (notebook 02)",
    unit: "iterations",
    run: () => octopus8.gradientDescentPassages(octopusStart, { stepSize: octopusStep, maxIterations: 2_000_000 }).iterations,
  },
  {
    name: "ml-matrix mmul 200×200",
    unit: "products",
    run: () => {
      const a = rng(2).normalMatrix(200, 200);
      a.mmul(a);
      return 1;
    },
    numpy: `
A = np.random.RandomState(2).randn(200, 200)
def run():
    A @ A
    return 1`,
  },
  {
    name: "ml-matrix symmetric EVD 200×200",
    unit: "decompositions",
    run: () => {
      new EigenvalueDecomposition(spd(200), { assumeSymmetric: true });
      return 1;
    },
    numpy: `
A = np.random.RandomState(2).randn(200, 200); A = A.T @ A
def run():
    np.linalg.eigh(A)
    return 1`,
  },
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeJs(c: Case): number {
  c.run(); // warm-up (JIT)
  const rates = Array.from({ length: repeats }, () => {
    const t = process.hrtime.bigint();
    const units = c.run();
    return units / (Number(process.hrtime.bigint() - t) / 1e9);
  });
  return median(rates);
}

function findPython(): string | undefined {
  for (const python of [process.env.LANDSCAPE_PYTHON, "/usr/bin/python3", "python3"].filter(Boolean) as string[]) {
    if (spawnSync(python, ["-c", "import numpy"], { stdio: "ignore" }).status === 0) return python;
  }
  return undefined;
}

function timeNumpy(python: string, c: Case): number | undefined {
  if (!c.numpy) return undefined;
  const script = `import numpy as np, time\n${c.numpy}\nrun()\nrates = []\nfor _ in range(${repeats}):\n    t = time.perf_counter(); u = run(); rates.append(u / (time.perf_counter() - t))\nprint(sorted(rates)[len(rates) // 2] if len(rates) % 2 else sum(sorted(rates)[len(rates)//2-1:len(rates)//2+1]) / 2)`;
  // A single-threaded BLAS, as ml-matrix is; and OpenBLAS's core type chosen by itself (see env notes).
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const out = spawnSync(python, ["-c", script], { encoding: "utf8", env });
  if (out.status !== 0) throw new Error(`numpy case "${c.name}" failed: ${out.stderr}`);
  return Number(out.stdout.trim());
}

const fmt = (v: number | undefined) => (v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toPrecision(3));
const python = findPython();
console.log(`node ${process.version}; median of ${repeats} runs; numpy: ${python ? `${python} (one BLAS thread)` : "not found (set LANDSCAPE_PYTHON to a python with numpy)"}\n`);
const table = cases.map((c) => {
  const js = timeJs(c);
  const np = python ? timeNumpy(python, c) : undefined;
  return { case: c.name, unit: `${c.unit}/s`, landscape: fmt(js), numpy: fmt(np), "landscape/numpy": np ? (js / np).toFixed(2) : "—" };
});
console.table(table);

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
autodiffSection();
