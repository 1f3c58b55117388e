package org.fde.guidance;

/** Which likelihood guidance steers the diffusion steps. */
public enum GuidanceKind {
	/** Pseudo-inverse guided diffusion (&Pi;GDM, paper eq. 17), the default. */
	PIGDM,
	/** Diffusion posterior sampling (DPS, paper eq. 16, as DPS practice: the norm, not its square). */
	DPS
}
