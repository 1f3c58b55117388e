/**
 * Whole-hyperstack processing for the Fiji commands, independent of ImageJ: {@link org.fde.stack.Hyperstack} (a
 * float C/Z/T stack in ImageJ's plane order), {@link org.fde.stack.StackDeblur} (normalisation, padding and the
 * loop over channels and planes around the solvers), {@link org.fde.stack.SimulatedBlur}, the user's parameters
 * ({@link org.fde.stack.UserParameter}: macro key, option, help, range and default of each, over the constants of
 * {@link org.fde.stack.ParameterRanges}) and the one request they fill and that is checked once,
 * {@link org.fde.stack.StackRequest}. Pure Java: no framework imports.
 */
package org.fde.stack;
