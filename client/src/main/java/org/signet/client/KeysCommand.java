package org.signet.client;

import org.signet.client.soap.admin.Administration;
import org.signet.client.soap.admin.SignetFault;
import org.signet.client.soap.admin.KeyDescription;
import org.signet.client.soap.admin.KeyTest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.signet.client.SignetCli.OK;
import static org.signet.client.SignetCli.REFUSED;

/** ./signet keys list|activate|deactivate|remote|request|import|test (admin role). */
final class KeysCommand extends AdminCommand {

    KeysCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String command, Administration admin, Map<String, String> o) throws SignetFault, IOException {
        switch (command) {
            case "list" -> {
                for (KeyDescription key : admin.listKeys()) {
                    out.println(key.getToken() + "/" + (key.getAlias() == null ? "-" : key.getAlias()) + "  " + key.getTokenKind()
                            + "  seals " + key.getSeal() + "  " + key.getSignatures() + " signatures"
                            + (key.getMaxSignatures() == null ? "" : " of at most " + key.getMaxSignatures())
                            + "  " + key.getState() + (key.getCertificateSubject() == null ? "" : "  " + key.getCertificateSubject()));
                }
            }
            case "activate" -> {
                char[] pin = pin(o, "PIN of card " + required(o, "token"));
                admin.activateToken(required(o, "token"), pin == null ? null : new String(pin));
                out.println("token " + o.get("token") + " activated");
            }
            case "remote" -> {
                String token = required(o, "token");
                char[] password = secret(o, "password-file", "ask-password", "password of " + required(o, "account") + " at the service");
                admin.registerRemoteToken(token, required(o, "service"), o.get("account"), password == null ? null : new String(password),
                        o.get("login"));
                out.println("token " + token + ": the credentials of " + o.get("account") + " at " + o.get("service"));
            }
            case "deactivate" -> {
                admin.deactivateToken(required(o, "token"));
                out.println("token " + o.get("token") + " deactivated");
            }
            case "request" -> {
                String request = admin.requestCertificate(required(o, "token"), required(o, "alias"), o.get("algorithm"),
                        keySize(o), required(o, "subject"));
                if (o.containsKey("out")) {
                    Files.writeString(Path.of(o.get("out")), request);
                    out.println("certification request for " + o.get("token") + "/" + o.get("alias") + " -> " + o.get("out"));
                } else {
                    out.print(request);
                }
            }
            case "import" -> {
                byte[] chain = Files.readAllBytes(input(o.get("chain")));
                out.println("imported the chain of " + o.get("token") + "/" + required(o, "alias") + ": "
                        + admin.importChain(required(o, "token"), o.get("alias"), chain));
            }
            case "test" -> {
                char[] pin = pin(o, "PIN of card " + required(o, "token"));
                KeyTest test = admin.testKey(required(o, "token"), required(o, "alias"),
                        pin == null ? null : new String(pin));
                out.println(test.getKey() + "  " + (test.isOk() ? "OK" : "FAILED") + "  " + test.getMessage() + "  (" + test.getMillis() + " ms)");
                return test.isOk() ? OK : REFUSED;
            }
            default -> throw new UsageException("usage: signet keys list|activate|deactivate|remote|request|import|test ...; try: signet help");
        }
        return OK;
    }

    private static int keySize(Map<String, String> o) {
        try {
            return o.containsKey("key-size") ? Integer.parseInt(o.get("key-size")) : 0;
        } catch (NumberFormatException e) {
            throw new UsageException("--key-size takes a number of bits");
        }
    }
}
