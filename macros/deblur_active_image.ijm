// Deblur the active image with Fast Diffusion EM (blind: the blur kernel is estimated too).
// Outputs (new windows): <title>-deblurred (32-bit, same dimensions and calibration) and <title>-kernel.
// Every key is given explicitly so that the result never depends on remembered dialog settings.
// The keys are the commands' pinned macro keys (see macros/README.md).

requires("1.54f");
if (nImages == 0)
	exit("Open the blurred image first.");

// --- settings -------------------------------------------------------------------------------------
kernelSize = 33;    // odd, larger than the blur, at most half the image's width and height
sigma = 0;          // noise standard deviation in image units; 0 = estimate it
steps = 50;         // diffusion steps (the default; 100 is slower and drifted on real camera shake and microscopy)
particles = 1;      // 2 or more: mean of several samples (+ optional uncertainty map)
kernelScope = "plane";       // "plane": one kernel per slice/frame; "stack": one for the whole stack
channelKernels = "shared";   // "shared": one kernel for all channels; "separate": one per channel
output = "estimate"; // "estimate": the faithful image given the kernel; "sample": the diffusion sample (sharper, may invent texture)
device = "auto";    // auto, cpu or gpu
tileSize = 0;       // 0 = automatic (images over 512 px are solved in overlapping tiles sharing one kernel)
restarts = 1;       // runs again (another seed) when a run fails: residual above max(2 sigma, 5/255); 0 = never
ensemble = 1;       // 2 = average the prior over the image and its 180-degree rotation (twice the time)
classicalSeed = true; // seed Fast EM with the classical l0 kernel (the hybrid); false = plain Fast EM
modelDir = "";      // empty = the shipped image-prior model
kernelModelDir = ""; // empty = the shipped kernel-prior model
// ---------------------------------------------------------------------------------------------------

title = getTitle();
options = "kernelsize=" + kernelSize + " sigma=" + sigma + " steps=" + steps + " particles=" + particles
	+ " guidance=PiGDM lambda=30.0 kernelscope=" + kernelScope + " channelkernels=" + channelKernels
	+ " output=" + output + " uncertainty=false seed=0 device=" + device + " threads=0 tilesize=" + tileSize
	+ " model=[" + modelDir + "] kernelmodel=[" + kernelModelDir + "] restarts=" + restarts
	+ " ensemble=" + ensemble + " classicalseed=" + classicalSeed;
run("Fast Diffusion EM", options);

// the deblurred image is shown last, so it is the active image now
print("Fast Diffusion EM: " + title + " -> " + getTitle() + " (" + bitDepth() + "-bit)");
