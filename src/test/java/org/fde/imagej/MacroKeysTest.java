package org.fde.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;

import ij.Macro;

/**
 * Pins the commands' macro interface: menu paths, macro keys (the lower-cased input names) and output names. A
 * failure here means a published macro would break: never rename a key; add new ones to the lists below.
 */
class MacroKeysTest extends SciJavaContextTest {

	/** The pinned macro keys of every command. Literal on purpose. */
	static final Map<Class<? extends Command>, List<String>> KEYS = Map.of(
			FastDiffusionEmCommand.class, List.of("input", "kernelsize", "sigma", "steps", "particles", "guidance",
					"lambda", "kernelscope", "channelkernels", "output", "uncertainty", "seed", "device", "threads",
					"model", "kernelmodel", "restarts", "tilesize", "ensemble", "classicalseed"),
			DiffusionEmCommand.class, List.of("input", "kernelsize", "sigma", "steps", "particles", "guidance",
					"lambda", "kernelscope", "channelkernels", "output", "uncertainty", "seed", "device", "threads", "model",
					"kernelmodel", "outeriterations", "tilesize", "ensemble"),
			DiffusionDeconvolutionCommand.class, List.of("input", "psf", "sigma", "steps", "particles", "guidance",
					"output", "uncertainty", "seed", "device", "threads", "model", "tilesize", "ensemble"),
			SimulateBlurCommand.class, List.of("input", "family", "kernelsize", "sigma", "seed"),
			ClassicalBlindDeblurCommand.class, List.of("input", "kernelsize", "kernelscope", "channelkernels"));

	/**
	 * The order of the inputs in the dialog and in a recorded macro line (SciJava lists a superclass's parameters
	 * before the subclass's, each class's in declaration order), and of the outputs (the last one shown is the active
	 * image afterwards).
	 */
	static final Map<Class<? extends Command>, List<String>> ORDER = Map.of(
			FastDiffusionEmCommand.class, List.of("input", "kernelsize", "sigma", "steps", "particles", "guidance",
					"lambda", "kernelscope", "channelkernels", "output", "uncertainty", "tilesize", "seed", "device",
					"threads", "model", "kernelmodel", "ensemble", "restarts", "classicalseed", "| kernel",
					"uncertaintyMap", "deblurred"),
			DiffusionEmCommand.class, List.of("input", "kernelsize", "sigma", "steps", "particles", "guidance",
					"lambda", "kernelscope", "channelkernels", "output", "uncertainty", "tilesize", "seed", "device", "threads",
					"model", "kernelmodel", "ensemble", "outeriterations", "| kernel", "uncertaintyMap", "deblurred"),
			DiffusionDeconvolutionCommand.class, List.of("input", "psf", "sigma", "steps", "particles", "guidance",
					"output", "uncertainty", "tilesize", "seed", "device", "threads", "model", "ensemble", "| uncertaintyMap", "deblurred"),
			SimulateBlurCommand.class, List.of("input", "family", "kernelsize", "sigma", "seed", "| kernel",
					"blurred"),
			ClassicalBlindDeblurCommand.class, List.of("input", "kernelsize", "kernelscope", "channelkernels",
					"| kernel", "deblurred"));

	static final Map<Class<? extends Command>, String> MENU = Map.of(
			FastDiffusionEmCommand.class, "Process > Deblur > Fast Diffusion EM",
			DiffusionEmCommand.class, "Process > Deblur > Diffusion EM",
			DiffusionDeconvolutionCommand.class, "Process > Deblur > Diffusion Deconvolution",
			SimulateBlurCommand.class, "Process > Deblur > Simulate Blur",
			ClassicalBlindDeblurCommand.class, "Process > Deblur > Classical Blind Deblur");

	static final Map<Class<? extends Command>, List<String>> OUTPUTS = Map.of(
			FastDiffusionEmCommand.class, List.of("kernel", "uncertaintyMap", "deblurred"),
			DiffusionEmCommand.class, List.of("kernel", "uncertaintyMap", "deblurred"),
			DiffusionDeconvolutionCommand.class, List.of("uncertaintyMap", "deblurred"),
			SimulateBlurCommand.class, List.of("kernel", "blurred"),
			ClassicalBlindDeblurCommand.class, List.of("kernel", "deblurred"));

	/** The user-settable inputs (services excluded), lower-cased as IJ1 macros see them. */
	static List<String> macroKeys(CommandInfo info) {
		List<String> keys = new ArrayList<>();
		for (ModuleItem<?> item : info.inputs()) {
			if (Service.class.isAssignableFrom(item.getType()) || Context.class.isAssignableFrom(item.getType())) {
				continue;
			}
			keys.add(item.getName().toLowerCase(Locale.ROOT));
		}
		return keys;
	}

	static CommandInfo info(Class<? extends Command> cls) {
		CommandInfo info = context.service(CommandService.class).getCommand(cls);
		assertNotNull(info, cls + " is not in the plugin index");
		return info;
	}

	@Test
	void macroKeysArePinned() {
		for (Map.Entry<Class<? extends Command>, List<String>> e : KEYS.entrySet()) {
			assertEquals(new TreeSet<>(e.getValue()), new TreeSet<>(macroKeys(info(e.getKey()))),
					"macro keys of " + e.getKey().getSimpleName());
		}
	}

	@Test
	void dialogOrderIsPinned() {
		for (Map.Entry<Class<? extends Command>, List<String>> e : ORDER.entrySet()) {
			CommandInfo info = info(e.getKey());
			List<String> got = new ArrayList<>(macroKeys(info));
			String mark = "| ";
			for (ModuleItem<?> item : info.outputs()) {
				got.add(mark + item.getName());
				mark = "";
			}
			assertEquals(e.getValue(), got, "inputs and outputs of " + e.getKey().getSimpleName() + " in order");
		}
	}

	@Test
	void menuPathsAndNamesArePinned() {
		for (Map.Entry<Class<? extends Command>, String> e : MENU.entrySet()) {
			CommandInfo info = info(e.getKey());
			assertEquals(e.getValue(), info.getMenuPath().getMenuString(true));
			assertEquals(e.getValue().substring(e.getValue().lastIndexOf("> ") + 2), info.getMenuPath().getLeaf()
					.getName(), "the macro command name is the menu leaf");
			assertEquals(true, info.canRunHeadless(), e.getKey() + " must be headless = true");
		}
		assertEquals("Fast Diffusion EM", FastDiffusionEmCommand.NAME);
		assertEquals("Diffusion EM", DiffusionEmCommand.NAME);
		assertEquals("Diffusion Deconvolution", DiffusionDeconvolutionCommand.NAME);
		assertEquals("Simulate Blur", SimulateBlurCommand.NAME);
	}

	/**
	 * The steps a dialog or a macro without {@code steps=} gets: 50 for the blind commands (their settings were tuned
	 * there, and 100 lost on real camera shake and microscopy), 100 for the non-blind one (better with the true
	 * kernel); see {@link org.fde.stack.ParameterRanges#BLIND_STEPS_DEFAULT}.
	 */
	@Test
	void stepsDefaultsAreFiftyBlindAndHundredNonBlind() {
		ModuleService modules = context.service(ModuleService.class);
		Map<Class<? extends Command>, Integer> expected = Map.of(FastDiffusionEmCommand.class, 50,
				DiffusionEmCommand.class, 50, DiffusionDeconvolutionCommand.class, 100);
		for (Map.Entry<Class<? extends Command>, Integer> e : expected.entrySet()) {
			Module module = modules.createModule(info(e.getKey()));
			assertEquals(e.getValue(), module.getInput("steps"), "default steps of " + e.getKey().getSimpleName());
		}
	}

	@Test
	void outputsArePinned() {
		for (Map.Entry<Class<? extends Command>, List<String>> e : OUTPUTS.entrySet()) {
			Set<String> got = new TreeSet<>();
			for (ModuleItem<?> item : info(e.getKey()).outputs()) {
				got.add(item.getName());
			}
			assertEquals(new TreeSet<>(e.getValue()), got, "outputs of " + e.getKey().getSimpleName());
		}
	}

	/**
	 * IJ1's Macro.getValue finds "key=" only where it is not preceded by a letter: no key may be found inside another
	 * one's text. Every key must read back its own value from an option string holding all of them.
	 */
	@Test
	void noKeyShadowsAnother() {
		for (List<String> keys : KEYS.values()) {
			StringBuilder options = new StringBuilder();
			for (String k : keys) {
				options.append(k).append("=v").append(k).append(' ');
			}
			for (String k : keys) {
				assertEquals("v" + k, Macro.getValue(options.toString(), k, null), "key " + k);
				String without = options.toString().replace(k + "=v" + k + " ", "");
				assertEquals(null, Macro.getValue(without, k, null), "key " + k + " read from another key");
			}
		}
	}
}
