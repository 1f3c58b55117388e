// Batch: deblur every image of a folder with Fast Diffusion EM and save the results, headless.
//
//   ./fiji --headless -macro batch_folder_headless.ijm "input=/data/blurred output=/data/deblurred"
//
// (from the Fiji.app folder; on Windows fiji.bat, and Fiji installations from before 2025 have ImageJ-linux64,
// ImageJ-win64.exe, ... instead of fiji). The networks are loaded once for the whole folder.
//
// For every .tif/.tiff/.png/.jpg file of the input folder it saves <name>-deblurred.tif (32-bit, same
// dimensions and calibration) and <name>-kernel.tif in the output folder. Without an argument (GUI), it asks for
// both folders. The macro stops at the first file that fails (the command aborts the macro with its error).

requires("1.54f");

// --- settings -------------------------------------------------------------------------------------
kernelSize = 33;
sigma = 0;          // 0 = estimate the noise of each image
steps = 50;         // the command's default (100 drifted on real camera shake and microscopy)
device = "auto";
threads = 0;        // 0 = all cores
modelDir = "";      // empty = the shipped models
kernelModelDir = "";
// ---------------------------------------------------------------------------------------------------

inputDir = argumentValue(getArgument(), "input");
outputDir = argumentValue(getArgument(), "output");
if (inputDir == "")
	inputDir = getDirectory("Folder of blurred images");
if (outputDir == "")
	outputDir = getDirectory("Folder for the results");
inputDir = withSlash(inputDir);
outputDir = withSlash(outputDir);
if (!File.isDirectory(inputDir))
	exit("Input folder not found: " + inputDir);
if (!File.exists(outputDir))
	File.makeDirectory(outputDir);

options = "kernelsize=" + kernelSize + " sigma=" + sigma + " steps=" + steps + " particles=1 guidance=PiGDM"
	+ " lambda=30.0 kernelscope=plane channelkernels=shared output=estimate uncertainty=false seed=0 device=" + device
	+ " threads=" + threads + " model=[" + modelDir + "] kernelmodel=[" + kernelModelDir + "] restarts=1";

setBatchMode(true);
files = getFileList(inputDir);
done = 0;
for (i = 0; i < files.length; i++) {
	name = files[i];
	lower = toLowerCase(name);
	if (!(endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".png") || endsWith(lower, ".jpg")))
		continue;
	open(inputDir + name);
	base = File.getNameWithoutExtension(name);
	run("Fast Diffusion EM", options);
	selectImage(base + "-deblurred");
	saveAs("Tiff", outputDir + base + "-deblurred.tif");
	selectImage(base + "-kernel");
	saveAs("Tiff", outputDir + base + "-kernel.tif");
	close("*");
	done++;
	print("[" + done + "] " + name + " -> " + base + "-deblurred.tif");
}
setBatchMode(false);
print("Deblurred " + done + " image(s) into " + outputDir);

// The value of key=... in a "key1=value1 key2=value2" argument ("" when absent).
function argumentValue(args, key) {
	words = split(args, " ");
	for (j = 0; j < words.length; j++) {
		if (startsWith(words[j], key + "="))
			return substring(words[j], lengthOf(key) + 1);
	}
	return "";
}

function withSlash(dir) {
	if (endsWith(dir, "/") || endsWith(dir, File.separator))
		return dir;
	return dir + File.separator;
}
