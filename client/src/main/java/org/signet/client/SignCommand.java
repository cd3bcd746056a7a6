package org.signet.client;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.signet.client.soap.DigestSignRequest;
import org.signet.client.soap.FileSignRequest;
import org.signet.client.soap.PdfSignRequest;
import org.signet.client.soap.SignResponse;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;
import org.signet.client.soap.SigningRequest;
import org.signet.client.soap.XmlSignRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/** {@code signet sign}: a PDF gets PAdES, any other file CAdES (or what --format says); the output goes next to the input. */
final class SignCommand extends Command {

    SignCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        Path in = input(o.get("in"));
        String seal = required(o, "seal");
        if (o.containsKey("digest-only")) {
            return signDigest(in, seal, o);
        }
        String format = o.containsKey("format") ? o.get("format").toLowerCase(Locale.ROOT) : guessFormat(in);
        DataHandler document = new DataHandler(new FileDataSource(in.toFile()));
        String name = in.getFileName().toString();
        Signing port = connect(o);
        if (size(in) > SignetClient.STREAMED_ABOVE) {
            SignetClient.streaming(port);
        }
        SignResponse signed = switch (format) {
            case "pades" -> {
                PdfSignRequest request = common(new PdfSignRequest(), o, seal, document, name);
                request.setSignerName(o.get("signer-name"));
                request.setReason(o.get("reason"));
                request.setLocation(o.get("location"));
                request.setContactInfo(o.get("contact"));
                request.setField(o.get("field"));
                request.setSubFilter(o.get("subfilter"));
                request.setVisible(o.containsKey("visible") ? Boolean.TRUE : null);
                if (o.containsKey("page")) {
                    try {
                        request.setPage(Integer.valueOf(o.get("page")));
                    } catch (NumberFormatException e) {
                        throw new UsageException("--page must be a page number, not '" + o.get("page") + "'");
                    }
                }
                request.setRect(o.get("rect"));
                // a shell passes "\n" literally; the template's lines are real line breaks
                request.setStampText(o.containsKey("stamp-text") ? o.get("stamp-text").replace("\\n", "\n") : null);
                if (o.containsKey("image")) {
                    request.setStampImage(new DataHandler(new FileDataSource(input(o.get("image")).toFile())));
                }
                yield port.signPdf(request);
            }
            case "cades" -> {
                FileSignRequest request = common(new FileSignRequest(), o, seal, document, name);
                request.setPackaging(o.get("packaging"));
                yield port.signFile(request);
            }
            case "smime" -> {
                FileSignRequest request = common(new FileSignRequest(), o, seal, document, name);
                yield port.signMail(request);
            }
            case "xades" -> {
                XmlSignRequest request = common(new XmlSignRequest(), o, seal, document, name);
                request.setPackaging(o.get("packaging"));
                yield port.signXml(request);
            }
            default -> throw new UsageException("--format must be pades, cades, xades or smime (a mail message), not '" + format + "'");
        };
        // The server names the output (e.g. a-signed.pdf, a.csv.p7s); it goes next to the input unless --out says.
        Path output = o.containsKey("out") ? Path.of(o.get("out")) : sibling(in, signed.getFileName());
        write(signed.getDocument(), output);
        if (!o.containsKey("quiet")) {
            out.println("signed " + in + " with seal " + signed.getSeal() + " (" + signed.getFormat() + "-" + signed.getLevel()
                    + ") -> " + output);
            signatureId(signed);
        }
        return OK;
    }

    /** A detached CAdES (.p7s) over the file's digest, made here while reading it: only the digest goes to Signet. */
    private int signDigest(Path in, String seal, Map<String, String> o) throws SignetFault {
        if (o.containsKey("format") && !o.get("format").equalsIgnoreCase("cades")) {
            throw new UsageException("--digest-only makes a detached CAdES signature; --format " + o.get("format") + " needs the document");
        }
        String hash = o.getOrDefault("hash", "SHA-256").strip().toUpperCase(Locale.ROOT);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(hash.startsWith("SHA-") ? hash : hash.replaceFirst("^SHA", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new UsageException("--hash must be SHA-256, SHA-384 or SHA-512, not '" + o.get("hash") + "'");
        }
        try (InputStream file = Files.newInputStream(in)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = file.read(buffer); read >= 0; read = file.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + in + ": " + e.getMessage());
        }
        DigestSignRequest request = new DigestSignRequest();
        request.setSeal(seal);
        request.setDigest(digest.digest());
        request.setHash(digest.getAlgorithm());
        request.setDocumentName(in.getFileName().toString());
        request.setLevel(o.get("level"));
        request.setCards(o.get("cards"));
        char[] pin = pin(o, "the card's PIN");
        request.setPin(pin == null ? null : new String(pin));
        request.setOneTimeCode(o.get("otp"));
        SignResponse signed = connect(o).signDigest(request);
        Path output = o.containsKey("out") ? Path.of(o.get("out")) : sibling(in, signed.getFileName());
        write(signed.getDocument(), output);
        if (!o.containsKey("quiet")) {
            out.println("signed the " + digest.getAlgorithm() + " of " + in + " with seal " + signed.getSeal() + " (" + signed.getFormat()
                    + "-" + signed.getLevel() + ") -> " + output);
            signatureId(signed);
        }
        return OK;
    }

    /** The signature's id in the archive, by which its evidence is asked for ({@code evidence get --signature-id}). */
    private void signatureId(SignResponse signed) {
        if (signed.getSignatureId() != null) {
            out.println("signature id " + signed.getSignatureId());
        }
    }

    private static <R extends SigningRequest> R common(R request, Map<String, String> o, String seal, DataHandler document, String name) {
        request.setSeal(seal);
        request.setDocument(document);
        request.setDocumentName(name);
        request.setLevel(o.get("level"));
        request.setHash(o.get("hash"));
        request.setCards(o.get("cards"));
        char[] pin = pin(o, "the card's PIN");
        request.setPin(pin == null ? null : new String(pin));
        request.setOneTimeCode(o.get("otp"));
        return request;
    }

    /**
     * PAdES for a PDF, CAdES for any other file; a file named .pdf that is not one is refused rather than sealed as "any
     * file", since its sender most likely meant a PDF (a damaged export, a mislabelled download).
     */
    private static String guessFormat(Path in) {
        if (looksLikePdf(in)) {
            return "pades";
        }
        if (in.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            throw new UsageException(in + " is named .pdf but is not a PDF (no %PDF- header); --format cades signs it as any file");
        }
        return "cades";
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The server's rule for a PDF (PdfDocuments.hasPdfHeader): "%PDF-" within the first 1024 bytes. */
    private static boolean looksLikePdf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
        } catch (IOException e) {
            return false;
        }
    }
}
