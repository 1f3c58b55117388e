/**
 * Whole-hyperstack processing for the Fiji commands, independent of ImageJ: {@link org.fde.stack.Hyperstack} (a
 * float C/Z/T stack in ImageJ's plane order), {@link org.fde.stack.StackDeblur} (normalisation, padding and the
 * loop over channels and planes around the solvers) and {@link org.fde.stack.SimulatedBlur}. Pure Java: no framework
 * imports.
 */
package org.fde.stack;
