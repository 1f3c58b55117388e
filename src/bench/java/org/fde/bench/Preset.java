package org.fde.bench;

import java.util.Set;

/**
 * How big a benchmark run is. The counts are cases per protocol (before {@code --limit}); F4 counts images, each
 * run at the four noise levels.
 *
 * @param steps      diffusion steps of every diffusion method
 * @param outer      Diffusion EM's outer iterations L
 * @param p1         P1 cases
 * @param p2         P2 cases
 * @param p3         P3 cases (of Levin's 32)
 * @param p4         P4 cases (of the held-out microscopy, {@link MicroscopyCases})
 * @param p5         P5 cases ({@link P5Cases}: 48 gives every real kernel at three of the four noise levels, 64 at
 *                   all four)
 * @param f4         F4 images
 * @param p1Only     methods run on P1 only (the protocol of the paper's Tables 1 and 2); on P2&ndash;P4 the preset
 *                   runs the others (the classical references, Fast EM &Pi;GDM n = 1 and the non-blind bound)
 * @param notOnP3    methods left out on P3 as well (the error ratio needs only the blind runs and its own
 *                   reference deconvolutions)
 */
public record Preset(String name, int steps, int outer, int p1, int p2, int p3, int p4, int p5, int f4,
		Set<String> p1Only, Set<String> notOnP3) {

	/** The methods that only the paper's protocol needs: Table 2's n = 4, DPS and Diffusion EM. */
	public static final Set<String> P1_ONLY = Set.of("fem-pigdm-n4", "fem-dps-n1", "dem-pigdm-n1");

	/** Generated images only (no data folder needed), 64&times;64, 15&times;15 kernels, 4 steps: seconds. */
	public static final Preset SMOKE = new Preset("smoke", 4, 2, 2, 1, 0, 0, 0, 1, Set.of(), Set.of());
	/**
	 * A few images per protocol with shortened diffusion (50 steps instead of the paper's 100; L = 4, the
	 * smallest L at which Diffusion EM costs more than three Fast EM runs, as issue #4's time comparison needs):
	 * 13 deblurring cases (P2's two are P1's two with real boundaries; P3's 8 are Levin's pairs with each of the 8
	 * kernels once, since a success rate over one pair says nothing; earlier P3 had 1), the {@link #P1_ONLY}
	 * methods on P1 only, and on P3 no non-blind &Pi;GDM bound (RL-TV with the true kernel is the reference there;
	 * the bound on 8 pairs costs about 210 s, which took the preset past 20 minutes: 1,204 s against 988 s without
	 * it);
	 * sized for at most 20 minutes on the 2-core CPU at the measured 0.35 s per network evaluation ({@code bench}
	 * prints the count of evaluations before it starts; {@code bench-cost} measures the time per evaluation): 425 s
	 * on an Intel Xeon VM, 1,211 s on a slower AMD EPYC VM. F4: 2 images (8 cases,
	 * each through the whole ablation grid, about 4 minutes).
	 * A regression check of the instrument and a first look, not the paper's numbers. No P5 (its cases are the
	 * full preset's: 48, hours on a shared 2-core CPU).
	 */
	public static final Preset QUICK = new Preset("quick", 50, 4, 2, 2, 8, 1, 0, 2, P1_ONLY, Set.of("nonblind-pigdm"));
	/**
	 * Every image the data folder offers for each protocol, with the paper's settings (100 steps, L = 10); F4 on 20
	 * crops, the protocol ({@code --preset full --protocols F4} runs it alone, with no image prior: about 30
	 * minutes on 2 cores).
	 */
	public static final Preset FULL = new Preset("full", 100, 10, 68, 24, 32, 24, P5Cases.FULL, 20, Set.of(), Set.of());

	public Preset {
		if (steps < 2 || outer < 1 || p1 < 0 || p2 < 0 || p3 < 0 || p4 < 0 || p5 < 0 || f4 < 0) {
			throw new IllegalArgumentException("invalid preset " + name);
		}
		p1Only = Set.copyOf(p1Only);
		notOnP3 = Set.copyOf(notOnP3);
	}

	/** smoke, quick or full. */
	public static Preset named(String name) {
		return switch (name) {
		case "smoke" -> SMOKE;
		case "quick" -> QUICK;
		case "full" -> FULL;
		default -> throw new IllegalArgumentException("--preset must be smoke, quick or full; got " + name);
		};
	}

	/** Whether the method of this name runs on cases of the protocol (F4 has its own estimators). */
	public boolean runs(String method, Protocol p) {
		if (p == Protocol.P3 && notOnP3.contains(method)) {
			return false;
		}
		return p == Protocol.P1 || p == Protocol.F4 || !p1Only.contains(method);
	}

	/** The number of cases (images for F4) of a protocol. */
	public int count(Protocol p) {
		return switch (p) {
		case P1 -> p1;
		case P2 -> p2;
		case P3 -> p3;
		case P4 -> p4;
		case P5 -> p5;
		case F4 -> f4;
		};
	}
}
