// Simulate, deblur and compare: blur a sharp image with a known kernel (Simulate Blur), deblur it blindly
// (Fast Diffusion EM) and print the PSNR of the blurred and the deblurred image against the sharp one.
// Uses the active image as the sharp image, or draws a synthetic one when no image is open.

requires("1.54f");

// --- settings -------------------------------------------------------------------------------------
family = "motion";  // motion, gaussian, defocus or airy
kernelSize = 33;
noise = 2;          // noise sigma in image units (8-bit scale for the synthetic image)
steps = 50;         // Fast Diffusion EM's default
seed = 1;
device = "auto";
modelDir = "";      // empty = the shipped models
kernelModelDir = "";
// ---------------------------------------------------------------------------------------------------

setBatchMode(true);
if (nImages == 0) {
	newImage("sharp", "8-bit ramp", 256, 256, 1);
	setColor(255);
	fillOval(40, 50, 90, 70);
	setColor(20);
	fillRect(150, 30, 60, 150);
	setColor(200);
	drawLine(20, 220, 240, 160);
	fillOval(170, 200, 40, 40);
}
sharp = getTitle();
sharpId = getImageID();
base = File.getNameWithoutExtension(sharp);

run("Simulate Blur", "family=" + family + " kernelsize=" + kernelSize + " sigma=" + noise + " seed=" + seed);
selectImage(base + "-blurred");
blurredId = getImageID();

run("Fast Diffusion EM", "kernelsize=" + kernelSize + " sigma=" + noise + " steps=" + steps
	+ " particles=1 guidance=PiGDM lambda=30.0 kernelscope=plane channelkernels=shared output=estimate uncertainty=false"
	+ " seed=" + seed + " device=" + device + " threads=0 model=[" + modelDir + "] kernelmodel=["
	+ kernelModelDir + "] restarts=1");
selectImage(base + "-blurred-deblurred");
deblurredId = getImageID();

peak = dynamicRange(sharpId);
psnrBlurred = psnr(sharpId, blurredId, peak);
psnrDeblurred = psnr(sharpId, deblurredId, peak);
print("PSNR blurred:   " + d2s(psnrBlurred, 2) + " dB");
print("PSNR deblurred: " + d2s(psnrDeblurred, 2) + " dB");
print("gain:           " + d2s(psnrDeblurred - psnrBlurred, 2) + " dB");
setBatchMode("exit and display");

// PSNR of image b against reference a (first channel/plane), with the given peak value.
function psnr(a, b, peak) {
	selectImage(a);
	ta = getTitle();
	selectImage(b);
	tb = getTitle();
	imageCalculator("Subtract create 32-bit", ta, tb);
	diff = getTitle();
	imageCalculator("Multiply create 32-bit", diff, diff);
	getStatistics(area, mse);
	close();
	selectImage(diff);
	close();
	if (mse <= 0)
		return 1 / 0;
	return 10 * log(peak * peak / mse) / log(10);
}

// max - min of an image: the peak signal of the PSNR.
function dynamicRange(id) {
	selectImage(id);
	getStatistics(area, mean, min, max);
	return max - min;
}
