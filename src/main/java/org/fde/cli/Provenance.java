package org.fde.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import ij.io.FileInfo;
import ij.io.TiffDecoder;

/**
 * The note each output file carries about what it is: {@code <command> <role> of <input file name>} ("deblur image
 * of cells.tif", "simulate kernel of cells.tif"). It tells a re-run's finished outputs from unrelated files that
 * happen to have the same name, which are never replaced without {@code --overwrite}.
 * <p>
 * TIFF: a line {@value #KEY}{@code =<note>} in the ImagePlus's "Info" property, which ImageJ saves in the file's
 * ImageJ metadata (and shows with Image &rsaquo; Show Info). PNG: a {@code tEXt} chunk with the keyword
 * {@value #KEY}, inserted before {@code IEND}.
 */
final class Provenance {

	static final String KEY = "fde-output";

	private Provenance() {
	}

	/** The note for one output: {@code <command> <role> of <input file name>}. */
	static String note(String command, String role, Path input) {
		return command + " " + role + " of " + input.getFileName();
	}

	/** The "Info" property text of a TIFF output. */
	static String info(String note) {
		return KEY + "=" + note;
	}

	/**
	 * The note an existing output file carries, or null when it has none (not written by this program) or cannot
	 * be read.
	 */
	static String read(Path file) {
		try {
			if (StackFiles.isPng(file)) {
				return pngText(file);
			}
			if (StackFiles.isTiff(file)) {
				Path abs = file.toAbsolutePath();
				FileInfo[] fi = new TiffDecoder(abs.getParent().toString() + "/", abs.getFileName().toString())
						.getTiffInfo();
				if (fi == null || fi.length == 0 || fi[0].info == null) {
					return null;
				}
				for (String line : fi[0].info.split("\n")) {
					if (line.startsWith(KEY + "=")) {
						return line.substring(KEY.length() + 1).trim();
					}
				}
			}
			return null;
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	/** Inserts a {@code tEXt} chunk with the note before a PNG file's {@code IEND}. */
	static void writePng(Path png, String note) throws IOException {
		byte[] b = Files.readAllBytes(png);
		int iend = b.length - 12;
		if (iend < 8 || !new String(b, iend + 4, 4, StandardCharsets.ISO_8859_1).equals("IEND")) {
			throw new IOException("no IEND chunk at the end of " + png);
		}
		byte[] data = (KEY + '\0' + note).getBytes(StandardCharsets.ISO_8859_1);
		ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
		chunk.putInt(data.length).put("tEXt".getBytes(StandardCharsets.ISO_8859_1)).put(data);
		CRC32 crc = new CRC32();
		crc.update(chunk.array(), 4, 4 + data.length);
		chunk.putInt((int) crc.getValue());
		ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + chunk.capacity());
		out.write(b, 0, iend);
		out.write(chunk.array());
		out.write(b, iend, 12);
		Files.write(png, out.toByteArray());
	}

	private static String pngText(Path file) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
			long length = f.length();
			long at = 8;
			while (at + 12 <= length) {
				f.seek(at);
				long n = f.readInt() & 0xffffffffL;
				byte[] t = new byte[4];
				f.readFully(t);
				String type = new String(t, StandardCharsets.ISO_8859_1);
				if (type.equals("IEND") || at + 12 + n > length) {
					return null;
				}
				if (type.equals("tEXt") && n <= 4096) {
					byte[] d = new byte[(int) n];
					f.readFully(d);
					String s = new String(d, StandardCharsets.ISO_8859_1);
					if (s.startsWith(KEY + '\0')) {
						return s.substring(KEY.length() + 1);
					}
				}
				at += 12 + n;
			}
			return null;
		}
	}
}
