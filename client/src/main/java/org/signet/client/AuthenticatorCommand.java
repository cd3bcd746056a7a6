package org.signet.client;

import io.nayuki.qrcodegen.QrCode;
import org.signet.client.soap.AuthenticatorEnrolment;
import org.signet.client.soap.SignetFault;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/**
 * {@code signet authenticator enrol [--qr FILE.png]|confirm --code N}: enrol the caller's authenticator app (TOTP) and show
 * its secret, otpauth URI, QR code (on a terminal, and with --qr as a PNG) and recovery codes once; confirm it with a
 * first code.
 */
final class AuthenticatorCommand extends Command {

    AuthenticatorCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        String command = args.length < 2 ? "" : args[1];
        switch (command) {
            case "enrol" -> {
                AuthenticatorEnrolment enrolment = connect(o).enrolAuthenticator();
                if (System.console() != null) {
                    out.print(terminalQr(enrolment.getOtpauthUri()));
                }
                if (o.containsKey("qr")) {
                    Path png = Path.of(o.get("qr"));
                    try {
                        Files.write(png, enrolment.getQrCodePng(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    } catch (IOException e) {
                        throw new UsageException("cannot write the QR code to a new file " + png + ": " + e.getMessage());
                    }
                    out.println("QR code " + png + " (it holds the secret: delete it once scanned)");
                }
                out.println("secret " + enrolment.getSecret());
                out.println("uri " + enrolment.getOtpauthUri());
                out.println("recovery codes (each works once, keep them apart from the device): "
                        + String.join(" ", enrolment.getRecoveryCode()));
                out.println("then: signet authenticator confirm --code <the code the app shows>");
                return OK;
            }
            case "confirm" -> {
                connect(o).confirmAuthenticator(required(o, "code"));
                out.println("authenticator confirmed");
                return OK;
            }
            default -> throw new UsageException("authenticator takes: enrol [--qr FILE.png] | confirm --code N");
        }
    }

    /** The QR code in half blocks, two modules a character, dark on a light quiet zone: scannable from a terminal. */
    static String terminalQr(String text) {
        QrCode code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        StringBuilder lines = new StringBuilder();
        for (int y = -2; y < code.size + 2; y += 2) {
            for (int x = -2; x < code.size + 2; x++) {
                boolean top = code.getModule(x, y);
                boolean bottom = code.getModule(x, y + 1);
                lines.append(top ? (bottom ? ' ' : '\u2584') : (bottom ? '\u2580' : '\u2588'));
            }
            lines.append('\n');
        }
        return lines.toString();
    }
}
