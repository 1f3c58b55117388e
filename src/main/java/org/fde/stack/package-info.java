/**
 * Whole-hyperstack processing for the Fiji commands, independent of ImageJ: {@link org.fde.stack.Hyperstack} (a
 * float C/Z/T stack in ImageJ's plane order), {@link org.fde.stack.StackDeblur} (normalisation, padding and the
 * loop over channels and planes around the solvers), {@link org.fde.stack.SimulatedBlur}, and
 * {@link org.fde.stack.ParameterRanges} (the defaults and ranges of the parameters that the Fiji commands and the
 * command line share). Pure Java: no framework imports.
 */
package org.fde.stack;
