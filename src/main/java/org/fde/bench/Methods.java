package org.fde.bench;

import java.util.ArrayList;
import java.util.List;

import org.fde.guidance.GuidanceKind;
import org.fde.kernel.L1Prior;
import org.fde.kernel.L2Prior;
import org.fde.score.KernelPrior;

/** The named methods of the benchmark, each wrapped in {@link PaddedMethod} so that every protocol can use it. */
public final class Methods {

	/** Every method name, in table order. */
	public static final List<String> ALL = List.of("blurred", "wiener", "rl-tv", "fem-pigdm-n1", "fem-pigdm-n4",
			"fem-dps-n1", "dem-pigdm-n1", "nonblind-pigdm");

	/** The ablation's &ell;2 weights &lambda;/&beta; (the best per noise level is reported: oracle tuning). */
	public static final double[] L2_GRID = { 1e-3, 1e-2, 1e-1, 1 };
	/** The ablation's &ell;1 weights &lambda;/&beta; (the soft threshold on kernel values). */
	public static final double[] L1_GRID = { 1e-4, 3e-4, 1e-3, 3e-3 };

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
		List<Method> out = new ArrayList<>();
		for (String n : names) {
			Method m = switch (n) {
			case "blurred" -> new ClassicalMethod(ClassicalMethod.Kind.BLURRED);
			case "wiener" -> new ClassicalMethod(ClassicalMethod.Kind.WIENER);
			case "rl-tv" -> new ClassicalMethod(ClassicalMethod.Kind.RL_TV);
			case "fem-pigdm-n1" -> new DiffusionMethod(DiffusionMethod.Kind.FAST_EM, GuidanceKind.PIGDM, 1, steps, outer,
					models);
			case "fem-pigdm-n4" -> new DiffusionMethod(DiffusionMethod.Kind.FAST_EM, GuidanceKind.PIGDM, 4, steps, outer,
					models);
			case "fem-dps-n1" -> new DiffusionMethod(DiffusionMethod.Kind.FAST_EM, GuidanceKind.DPS, 1, steps, outer,
					models);
			case "dem-pigdm-n1" -> new DiffusionMethod(DiffusionMethod.Kind.DIFFUSION_EM, GuidanceKind.PIGDM, 1, steps,
					outer, models);
			case "nonblind-pigdm" -> new DiffusionMethod(DiffusionMethod.Kind.NON_BLIND, GuidanceKind.PIGDM, 1, steps,
					outer, models);
			default -> throw new IllegalArgumentException("unknown method '" + n + "'; known: " + String.join(", ", ALL));
			};
			out.add(new PaddedMethod(m));
		}
		return out;
	}

	/**
	 * The ablation's kernel estimators: PnP at the paper's &lambda; = 1 (left out when {@code pnp} is null), &ell;2
	 * and &ell;1 over their grids.
	 */
	public static List<Method> ablation(KernelPrior pnp) {
		List<Method> out = new ArrayList<>();
		if (pnp != null) {
			out.add(new KernelPriorMethod("pnp", pnp, 1.0));
		}
		for (double r : L2_GRID) {
			out.add(new KernelPriorMethod("l2", new L2Prior(), r * KernelPriorMethod.BETA));
		}
		for (double r : L1_GRID) {
			out.add(new KernelPriorMethod("l1", new L1Prior(), r * KernelPriorMethod.BETA));
		}
		return out;
	}
}
