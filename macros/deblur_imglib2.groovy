#@ Img image
#@ String (label = "Axes of the image", value = "XY", description = "X, Y, then C, Z, T as in the image: XY, XYC, XYCZT ...") axes
#@ Integer (label = "Kernel size (px, odd)", value = 33) kernelSize
#@ Integer (label = "Steps", value = 50) steps
#@ UIService ui
#@ LogService log

// Blind deblurring of an ImgLib2 image from Fiji's script editor (File > New > Script..., language Groovy).
// It calls the engine's ImgLib2 entry point directly: no ImagePlus, no dialog of the command.
// The networks are loaded on the first run and kept for the next ones.

import org.fde.imglib2.DiffusionDeblur

def result = DiffusionDeblur.fastEm()
		.kernelSize(kernelSize)
		.steps(steps)
		.progress({ done, total, stage -> if (done % 10 == 0 || done == total) log.info("step $done/$total  $stage") } as org.fde.stack.StackDeblur.Progress)
		.run(image, axes)

result.notes().each { log.info(it) }
ui.show("deblurred", result.deblurred())
ui.show("kernel", result.kernel())
