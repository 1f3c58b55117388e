package org.fde.imagej;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.PlugIn;

/**
 * Test stand-in for Fiji's legacy layer: an ImageJ 1 PlugIn, registered in IJ1's command table under each command's
 * name, that runs the SciJava command the way imagej-legacy does (inputs read from the macro options with
 * {@link Macro#getValue} per field name, the ImagePlus input from the active image or the title given, the call
 * waits for the result, exceptions are rethrown, ImagePlus outputs are shown in declaration order). Unlike Fiji it
 * refuses option keys the command does not have, and it applies {@link #overrides} (tiny models, few steps).
 */
public final class LegacyBridge implements PlugIn {

	static final Map<String, Class<? extends Command>> COMMANDS = Map.of(
			FastDiffusionEmCommand.NAME, FastDiffusionEmCommand.class,
			DiffusionEmCommand.NAME, DiffusionEmCommand.class,
			DiffusionDeconvolutionCommand.NAME, DiffusionDeconvolutionCommand.class,
			SimulateBlurCommand.NAME, SimulateBlurCommand.class);

	private static final Pattern KEY = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=");

	static volatile Context context;
	/** Values forced on every run, by lower-case key (only for keys the command has). */
	static final Map<String, Object> overrides = new HashMap<>();
	/** Every option string received, by command. */
	static final Map<String, java.util.List<String>> calls = new LinkedHashMap<>();

	/** Registers every command in IJ1's command table. */
	@SuppressWarnings("unchecked")
	static void install(Context ctx) throws ReflectiveOperationException {
		context = ctx;
		java.util.Hashtable<String, String> table = ij.Menus.getCommands();
		if (table == null) {
			try {
				ij.IJ.run("Close All"); // initialises IJ1's command table; the menu bar fails headless
			} catch (java.awt.HeadlessException e) {
				// expected without a display
			}
			table = ij.Menus.getCommands();
		}
		if (table == null) {
			java.lang.reflect.Field f = ij.Menus.class.getDeclaredField("commands");
			f.setAccessible(true);
			table = new java.util.Hashtable<>();
			f.set(null, table);
		}
		for (String name : COMMANDS.keySet()) {
			table.put(name, LegacyBridge.class.getName() + "(\"" + name + "\")");
		}
	}

	@Override
	public void run(String arg) {
		Class<? extends Command> cls = COMMANDS.get(arg);
		String options = Macro.getOptions() == null ? "" : Macro.getOptions();
		calls.computeIfAbsent(arg, k -> new java.util.ArrayList<>()).add(options);
		CommandService cs = context.service(CommandService.class);
		CommandInfo info = cs.getCommand(cls);
		Set<String> known = new TreeSet<>();
		for (ModuleItem<?> item : info.inputs()) {
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType())) {
				known.add(item.getName().toLowerCase(Locale.ROOT));
			}
		}
		Matcher m = KEY.matcher(options);
		while (m.find()) {
			if (!known.contains(m.group(1).toLowerCase(Locale.ROOT))) {
				throw new IllegalStateException("run(\"" + arg + "\") got the unknown key '" + m.group(1) + "'; keys: "
						+ known);
			}
		}
		Map<String, Object> inputs = new HashMap<>();
		for (ModuleItem<?> item : info.inputs()) {
			String name = item.getName();
			String key = name.toLowerCase(Locale.ROOT);
			if (!known.contains(key)) {
				continue;
			}
			String value = Macro.getValue(options, name, null);
			if (ImagePlus.class.equals(item.getType())) {
				ImagePlus imp = value != null ? WindowManager.getImage(value)
						: item.isAutoFill() ? WindowManager.getCurrentImage() : null;
				if (imp != null) {
					inputs.put(name, imp);
				}
			} else if (overrides.containsKey(key)) {
				inputs.put(name, overrides.get(key));
			} else if (value != null) {
				inputs.put(name, value);
			}
		}
		CommandModule module;
		try {
			module = cs.run(cls, true, inputs).get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new RuntimeException(e);
		} catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
		}
		for (ModuleItem<?> item : info.outputs()) {
			if (module.getOutput(item.getName()) instanceof ImagePlus imp) {
				imp.show();
			}
		}
	}
}
