package org.fde.bench;

/** The benchmark protocols (the P1&ndash;P5) plus the kernel-prior ablation of Figure 4. */
public enum Protocol {
	/** The paper's protocol: 256&times;256 crops, generated 33&times;33 motion kernels, circular blur, &sigma; &isin; {5, 10, 20}/255. */
	P1("paper protocol: 256x256 crops of bsd68, generated 33x33 motion kernels, circular blur"),
	/** Real boundaries: the valid part of a linear blur of a larger crop (no wrap-around), same kernels and noise. */
	P2("real boundaries: valid region of a linear blur of a larger bsd68 crop, generated 33x33 motion kernels"),
	/** Levin et al. 2009 real camera-shake captures with their measured kernels. */
	P3("Levin et al. 2009 real camera shake (4 images x 8 kernels), scored up to a +-5 px shift"),
	/** Held-out microscopy images with generated optical PSFs (valid-region blur). */
	P4("microscopy hold-out (EM, fluorescence, brightfield; MicroscopyCases), 128x128, generated 33x33 optical PSFs, "
			+ "valid-region blur, sigma 1, 3, 10/255"),
	/**
	 * Real kernel shapes under noise (issue 31's P5): every real kernel of the data folder on BSD68 and Sun80 crops,
	 * valid-region blur, &sigma; &isin; {1, 2.55, 5, 10}/255 ({@link P5Cases}).
	 */
	P5("real kernels (Levin 8, Lai 4, KAIR motion 11-12, KAIR large 2) on 128x128 bsd68 / sun80 crops, valid-region "
			+ "blur, sigma 1, 2.55, 5, 10/255, scored up to a +-5 px shift"),
	/** Figure 4: kernel estimation from a known sharp image with the PnP, &ell;2 and &ell;1 kernel priors. */
	F4("kernel-prior ablation: kernel from a KNOWN sharp bsd68 crop, 33x33 motion kernels, circular blur");

	private final String description;

	Protocol(String description) {
		this.description = description;
	}

	public String description() {
		return description;
	}
}
