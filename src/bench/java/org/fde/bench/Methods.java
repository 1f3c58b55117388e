package org.fde.bench;

import java.util.ArrayList;
import java.util.List;

import org.fde.guidance.GuidanceKind;
import org.fde.kernel.L1Prior;
import org.fde.kernel.L2Prior;
import org.fde.kernel.PriorLevel;
import org.fde.score.KernelPrior;

/** The named methods of the benchmark, each wrapped in {@link PaddedMethod} so that every protocol can use it. */
public final class Methods {

	/** Every method name, in table order. */
	public static final List<String> ALL = List.of("blurred", "wiener", "rl-tv", "fem-pigdm-n1", "fem-pigdm-n4",
			"fem-dps-n1", "dem-pigdm-n1", "nonblind-pigdm");

	/**
	 * Methods that run only when named in {@code --methods}: {@code nonblind-pigdm-femk} is the non-blind run with
	 * Fast EM's (n = 1) kernel instead of the true one, which splits Fast EM's gap to the upper bound into the part
	 * that its kernel error explains and the rest; {@code classical-l0} is the classical multiscale l0 blind method
	 * ({@link ClassicalBlindMethod}); {@code fem-hybrid} the hybrid pipeline ({@link org.fde.em.HybridEm}), and
	 * {@code fem-hybrid-holdT} the hybrid with the classical kernel held only at timesteps &ge; T. {@code fem-faithful},
	 * {@code nonblind-faithful} and {@code fem-blend} are the faithful estimate ({@link FaithfulMethod}) on Fast EM's
	 * kernel, on the true one, and its average with Fast EM's sample (named, so that the default table keeps its
	 * columns); {@code fem-hybrid-faithful} the faithful estimate on the hybrid's kernel, the commands' default output.
	 */
	public static final List<String> DIAGNOSTIC = List.of("nonblind-pigdm-femk", "classical-l0", "fem-hybrid",
			"fem-hybrid-holdT", "fem-faithful", "nonblind-faithful", "fem-blend", "fem-hybrid-faithful");

	/**
	 * The ablation's PnP grid with the paper's level sqrt(&lambda;/&beta;): levels from 0 to 0.01, the network's
	 * trained range (models/kernel-prior/card.json), around the paper's &beta; = 1e5.
	 */
	public static final AblationGrid PNP_GRID = new AblationGrid("pnp", PriorLevel.LAMBDA_OVER_BETA,
			List.of(1e3, 1e4, 1e5, 1e6), List.of(0.0, 1e-7, 2e-7, 5e-7, 1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4),
			true);
	/** The ablation's PnP grid with the data step's noise level ({@link PriorLevel#DATA_NOISE}). */
	public static final AblationGrid PNP_DATA_GRID = new AblationGrid("pnp-data", PriorLevel.DATA_NOISE,
			List.of(1e3, 1e4, 1e5, 1e6), List.of(0.0, 0.2, 0.5, 1.0, 2.0, 5.0), false);
	/** The ablation's &ell;1 grid: the soft threshold &lambda;/&beta; on kernel values. */
	public static final AblationGrid L1_GRID = new AblationGrid("l1", PriorLevel.LAMBDA_OVER_BETA,
			List.of(1e4, 1e5, 1e6), List.of(0.0, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3), true);
	/** The ablation's &ell;2 (gradient) grid: &lambda;/&beta;. */
	public static final AblationGrid L2_GRID = new AblationGrid("l2", PriorLevel.LAMBDA_OVER_BETA,
			List.of(1e4, 1e5, 1e6, 1e7), List.of(0.0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1), true);

	private Methods() {
	}

	/** True for the names that need the image prior. */
	public static boolean needsModels(String name) {
		return name.startsWith("fem-") || name.startsWith("dem-") || name.startsWith("nonblind-");
	}

	/**
	 * The methods of the given names, padded.
	 *
	 * @param steps diffusion steps
	 * @param outer Diffusion EM's L
	 * @throws IllegalArgumentException for an unknown name (listing the known ones)
	 */
	public static List<Method> create(List<String> names, int steps, int outer, ModelFactory models) {
		return create(names, steps, outer, models, EmOverrides.NONE);
	}

	/**
	 * As {@link #create(List, int, int, ModelFactory)}, with the diffusion methods' settings changed by
	 * {@code overrides} (the classical methods ignore them).
	 */
	public static List<Method> create(List<String> names, int steps, int outer, ModelFactory models,
			EmOverrides overrides) {
		List<Method> out = new ArrayList<>();
		for (String n : names) {
			Method m = switch (n) {
			case "blurred" -> new ClassicalMethod(ClassicalMethod.Kind.BLURRED);
			case "wiener" -> new ClassicalMethod(ClassicalMethod.Kind.WIENER);
			case "rl-tv" -> new ClassicalMethod(ClassicalMethod.Kind.RL_TV);
			case "classical-l0" -> new ClassicalBlindMethod();
			case "fem-hybrid" -> new DiffusionMethod(DiffusionMethod.Kind.HYBRID, GuidanceKind.PIGDM, 1, steps, outer,
					models, overrides);
			case "fem-pigdm-n1" -> new DiffusionMethod(DiffusionMethod.Kind.FAST_EM, GuidanceKind.PIGDM, 1, steps, outer,
					models, overrides);
			case "fem-pigdm-n4" -> new DiffusionMethod(DiffusionMethod.Kind.FAST_EM, GuidanceKind.PIGDM, 4, steps, outer,
					models, overrides);
			case "fem-dps-n1" -> new DiffusionMethod(DiffusionMethod.Kind.FAST_EM, GuidanceKind.DPS, 1, steps, outer,
					models, overrides);
			case "dem-pigdm-n1" -> new DiffusionMethod(DiffusionMethod.Kind.DIFFUSION_EM, GuidanceKind.PIGDM, 1, steps,
					outer, models, overrides);
			case "nonblind-pigdm" -> new DiffusionMethod(DiffusionMethod.Kind.NON_BLIND, GuidanceKind.PIGDM, 1, steps,
					outer, models, overrides);
			case "nonblind-pigdm-femk" -> new DiffusionMethod(DiffusionMethod.Kind.NON_BLIND_WITH_FEM_KERNEL,
					GuidanceKind.PIGDM, 1, steps, outer, models, overrides);
			case "fem-faithful" -> faithful(FaithfulMethod.Kind.FEM, steps, outer, models, overrides);
			case "nonblind-faithful" -> faithful(FaithfulMethod.Kind.NON_BLIND, steps, outer, models, overrides);
			case "fem-blend" -> faithful(FaithfulMethod.Kind.FEM_BLEND, steps, outer, models, overrides);
			case "fem-hybrid-faithful" -> new FaithfulMethod(FaithfulMethod.Kind.HYBRID, new DiffusionMethod(
					DiffusionMethod.Kind.HYBRID, GuidanceKind.PIGDM, 1, steps, outer, models, overrides), models,
					overrides);
			default -> n.matches("fem-hybrid-hold\\d{1,4}") ? new DiffusionMethod(DiffusionMethod.Kind.HYBRID,
					GuidanceKind.PIGDM, 1, steps, outer, models, overrides).withHoldTimestep(Integer.parseInt(n.substring(
							"fem-hybrid-hold".length())))
					: throwUnknown(n);
			};
			out.add(new PaddedMethod(m));
		}
		return out;
	}

	/** The faithful estimate on Fast EM's kernel (that of {@code fem-pigdm-n1}) or the true one. */
	private static Method faithful(FaithfulMethod.Kind kind, int steps, int outer, ModelFactory models,
			EmOverrides overrides) {
		DiffusionMethod fem = new DiffusionMethod(DiffusionMethod.Kind.FAST_EM, GuidanceKind.PIGDM, 1, steps, outer,
				models, overrides);
		return new FaithfulMethod(kind, fem, models, overrides);
	}

	private static Method throwUnknown(String n) {
		throw new IllegalArgumentException("unknown method '" + n + "'; known: " + String.join(", ", ALL)
				+ "; diagnostic: " + String.join(", ", DIAGNOSTIC));
	}

	/**
	 * The ablation's kernel estimators: the PnP prior over {@link #PNP_GRID} and {@link #PNP_DATA_GRID} (left out
	 * when {@code pnp} is null), &ell;2 and &ell;1 over theirs.
	 *
	 * @throws IllegalStateException if two estimators would share a name (a grid value that one significant digit
	 *                               does not write exactly)
	 */
	public static List<Method> ablation(KernelPrior pnp) {
		List<AblationGrid> grids = new ArrayList<>();
		if (pnp != null) {
			grids.add(PNP_GRID);
			grids.add(PNP_DATA_GRID);
		}
		grids.add(L2_GRID);
		grids.add(L1_GRID);
		List<Method> out = new ArrayList<>();
		java.util.Set<String> names = new java.util.HashSet<>();
		for (AblationGrid g : grids) {
			KernelPrior prior = switch (g.label()) {
			case "l1" -> new L1Prior();
			case "l2" -> new L2Prior();
			default -> pnp;
			};
			for (KernelPriorMethod m : g.methods(prior)) {
				if (!names.add(m.name())) {
					throw new IllegalStateException("two ablation estimators are named " + m.name());
				}
				out.add(m);
			}
		}
		return out;
	}

	/** The ablation grids, in table order ({@link #PNP_GRID} and {@link #PNP_DATA_GRID} first). */
	public static List<AblationGrid> ablationGrids() {
		return List.of(PNP_GRID, PNP_DATA_GRID, L1_GRID, L2_GRID);
	}
}
