package org.signet.client;

import org.signet.client.soap.AuthenticatorEnrolment;
import org.signet.client.soap.SignetFault;

import java.io.PrintStream;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/**
 * {@code signet authenticator enrol|confirm --code N}: enrol the caller's authenticator app (TOTP) and show its secret,
 * otpauth URI (for a QR code, e.g. {@code qrencode -t ansiutf8 URI}) and recovery codes once; confirm it with a first code.
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
            default -> throw new UsageException("authenticator takes: enrol | confirm --code N");
        }
    }
}
