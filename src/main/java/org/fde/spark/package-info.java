/**
 * The Apache Spark job ({@code fast-diffusion-em-spark.jar}, docs/spark.md): the {@code deblur} command of the
 * command line run over every image of a folder or list on any Hadoop file system, one Spark task per image, with
 * the engine used as a library ({@link org.fde.cli.FileDeblur}). Built into target/classes with Spark as a
 * "provided" dependency, and left out of the Fiji plugin jar, target/lib and update-site/ by the build.
 */
package org.fde.spark;
