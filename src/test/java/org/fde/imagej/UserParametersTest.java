package org.fde.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.fde.stack.ParameterRanges;
import org.fde.stack.UserParameter;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;

/**
 * The deblurring commands' fields and {@link UserParameter} map onto each other one to one: every input is a user
 * parameter with the same help text, range, choices and default, and every user parameter is an input of some
 * command. (The command line's half is {@code org.fde.cli.UserParameterOptionsTest}.)
 */
class UserParametersTest extends SciJavaContextTest {

	private static final List<Class<? extends Command>> DEBLUR = List.of(FastDiffusionEmCommand.class,
			DiffusionEmCommand.class, DiffusionDeconvolutionCommand.class, ClassicalBlindDeblurCommand.class);

	@Test
	void everyCommandInputIsAUserParameterWithItsHelpRangeAndDefault() {
		ModuleService modules = context.service(ModuleService.class);
		for (Class<? extends Command> c : DEBLUR) {
			CommandInfo info = MacroKeysTest.info(c);
			Module module = modules.createModule(info);
			for (ModuleItem<?> item : info.inputs()) {
				if (Service.class.isAssignableFrom(item.getType()) || Context.class.isAssignableFrom(item.getType())) {
					continue;
				}
				String where = c.getSimpleName() + "." + item.getName();
				UserParameter p = UserParameter.byKey(item.getName());
				assertNotNull(p, where + " is no user parameter");
				assertEquals(p.key(), item.getName().toLowerCase(java.util.Locale.ROOT), where);
				assertEquals(p.help(), item.getDescription(), where + ": help text");
				if (p.min() != null) {
					assertEquals(p.min(), number(item.getMinimumValue()), where + ": minimum");
				}
				if (p.max() != null && p.max() != Double.MAX_VALUE) {
					assertEquals(p.max(), number(item.getMaximumValue()), where + ": maximum");
				}
				if (!p.choices().isEmpty()) {
					assertEquals(p.choices(), item.getChoices(), where + ": choices");
				}
				Object expected = p == UserParameter.STEPS && c == DiffusionDeconvolutionCommand.class
						? ParameterRanges.NON_BLIND_STEPS_DEFAULT : p.defaultValue();
				if (expected instanceof Number n && module.getInput(item.getName()) instanceof Number got) {
					assertEquals(n.doubleValue(), got.doubleValue(), where + ": default");
				} else {
					assertEquals(expected, module.getInput(item.getName()), where + ": default");
				}
			}
		}
	}

	@Test
	void everyUserParameterIsACommandInput() {
		Set<UserParameter> unused = EnumSet.allOf(UserParameter.class);
		for (Class<? extends Command> c : DEBLUR) {
			for (String key : MacroKeysTest.macroKeys(MacroKeysTest.info(c))) {
				unused.remove(UserParameter.byKey(key));
			}
		}
		assertTrue(unused.isEmpty(), "user parameters that no command has: " + unused);
	}

	private static Double number(Object v) {
		return v instanceof Number n ? n.doubleValue() : null;
	}
}
