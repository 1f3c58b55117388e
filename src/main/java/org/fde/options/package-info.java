/**
 * The command line's option convention, shared by the command-line packages ({@code org.fde.cli} and
 * {@code org.fde.bench}): {@link org.fde.options.CommandLineOptions}. Pure Java: no framework imports.
 */
package org.fde.options;
