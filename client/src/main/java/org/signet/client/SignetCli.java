package org.signet.client;

import jakarta.xml.ws.WebServiceException;
import org.signet.client.soap.SignetFault;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code signet}: the SOAP API for shells and schedulers, one {@link Command} class per command. One line on stderr
 * for every error, and an exit code a scheduler can act on.
 */
public final class SignetCli {

    public static final int OK = 0;
    /** verify: a signature is not valid, or the document has none. */
    public static final int NOT_VALID = 1;
    public static final int USAGE = 2;
    /** Signet refused the request (bad credentials, not authorised, bad input). */
    public static final int REFUSED = 3;
    public static final int UNREACHABLE = 4;

    private static final Set<String> FLAGS = Set.of("quiet", "visible", "ask-pin", "keep-originals", "no-archive", "keep-documents",
            "archive", "xml", "wait", "ask-password", "digest-only", "one-time-code", "link-only", "by-subject", "none");
    /** Commands whose first word after them names a sub-command ("keys list --url ..."). */
    private static final Set<String> SUB_COMMANDS = Set.of("keys", "hotfolder", "batch", "archive", "evidence", "audit", "authenticator",
            "users", "groups", "seals", "log", "workflow");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    SignetCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(new SignetCli(System.out, System.err, System.getenv()).run(args));
    }

    int run(String[] args) {
        try {
            if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
                out.println(USAGE_TEXT);
                return args.length == 0 ? USAGE : OK;
            }
            // "keys list --url ...": the sub-command takes the command's place before the options
            Map<String, String> options = options(SUB_COMMANDS.contains(args[0]) && args.length > 1 && !args[1].startsWith("--")
                    ? Arrays.copyOfRange(args, 1, args.length) : args);
            Command command = switch (args[0]) {
                case "sign" -> new SignCommand(out, err, env);
                case "verify" -> new VerifyCommand(out, err, env);
                case "seals" -> new SealsCommand(out, err, env);
                case "analyze" -> new AnalyzeCommand(out, err, env);
                case "timestamp" -> new TimestampCommand(out, err, env);
                case "keys" -> new KeysCommand(out, err, env);
                case "hotfolder" -> new HotFolderCommand(out, err, env);
                case "batch" -> new BatchCommand(out, err, env);
                case "evidence" -> new EvidenceCommand(out, err, env);
                case "archive" -> new ArchiveCommand(out, err, env);
                case "audit" -> new AuditCommand(out, err, env);
                case "authenticator" -> new AuthenticatorCommand(out, err, env);
                case "users" -> new UsersCommand(out, err, env);
                case "groups" -> new GroupsCommand(out, err, env);
                case "log" -> new LogCommand(out, err, env);
                case "workflow" -> new WorkflowCommand(out, err, env);
                default -> throw new UsageException("unknown command '" + args[0] + "'; try: signet help");
            };
            return command.run(args, options);
        } catch (UsageException e) {
            err.println("signet: " + e.getMessage());
            return USAGE;
        } catch (SignetFault e) {
            String code = e.getFaultInfo() == null ? "REFUSED" : e.getFaultInfo().getCode();
            err.println("signet: refused (" + code + "): " + e.getMessage());
            return REFUSED;
        } catch (WebServiceException e) {
            return transportFailure(e);
        }
    }

    /** Exit codes for schedulers: a batch all signed, one with failed files, one that failed or was stopped, one still running. */
    static final int BATCH_PARTIAL = 10;
    static final int BATCH_FAILED = 11;
    static final int BATCH_RUNNING = 12;
    /** A batch whose seal requires a second factor, waiting for a person to confirm it. */
    static final int BATCH_UNCONFIRMED = 13;

    private int transportFailure(WebServiceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                err.println("signet: the server is unreachable: " + t.getMessage());
                return UNREACHABLE;
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("401")) {
            err.println("signet: refused (NOT_AUTHENTICATED): wrong user name or password, or an access token or client certificate that is not valid here");
            return REFUSED;
        }
        err.println("signet: the server answered something that is not Signet's SOAP service: " + message);
        return UNREACHABLE;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new UsageException("unexpected argument '" + args[i] + "'; options look like --name value");
            }
            String name = args[i].substring(2);
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
        }
        return options;
    }

    static final String USAGE_TEXT = """
            usage: signet <command> [options]
              sign    --seal NAME --in FILE [--out FILE] [--format pades|cades|xades|smime] [--level B|T|LT|LTA]
                      [--packaging detached|attached (cades) | enveloped|enveloping|detached (xades)]
                      [--hash SHA-256|SHA-384|SHA-512]
                      [--reason R] [--location L] [--contact C] [--signer-name N] [--field NAME|*]
                      [--subfilter ETSI.CAdES.detached|adbe.pkcs7.detached]
                      [--visible] [--page N] [--rect X,Y,WIDTH,HEIGHT] [--image LOGO.png] [--stamp-text TEMPLATE]
                      a visible stamp: points from the page's top-left corner as displayed, default bottom left
                      of page 1, or into --field; template placeholders {signer} {seal} {date} {reason}
                      {location} {contact} {subject} {issuer} {serial}, one line per \\n
                      a PDF gets an embedded PAdES signature, any other file a detached CAdES .p7s by default;
                      --digest-only: only the file's digest (--hash) goes to Signet, for a detached CAdES .p7s;
                      --format smime: a mail message (RFC 5322) sealed with S/MIME, written as NAME-signed.eml
              verify  --in FILE [--signature FILE.p7s] [--etsi-report FILE.xml] [--archive]
                      one line a signature: status 0 valid, 1 valid but changed afterwards, 2 invalid,
                      3 empty field, 4 unknown; exit 0 only when every signature is valid (status 0);
                      --archive: a file whose every signature is valid enters the archive
              analyze --in FILE.pdf                        the PDF's version, PDF/A part and signature fields as XML
              timestamp --in FILE [--out FILE.tsr] [--tsa URL]
                      an RFC 3161 token from Signet's TSA, or from the TSA at URL (only the hash is sent)
              seals                                        the seals you may use
              workflow start --in F.pdf --signers alice,group:finance,all:board [--fields F1,F2] [--one-time-code | --link-only]
                      [--recipients x@example.org] [--level B|T|LT|LTA] [--days N] [--escalate-to U1,-] [--seal S]
                      a PDF signed by each signer in turn (group: any one member, all: every member), asked by mail;
                      past its deadline a step passes once to its --escalate-to user; --seal: steps signed with seal S
              workflow start --in F.pdf --template NAME | templates   a workflow from a template you may start
              workflow status --id ID | inbox | sign --id ID [--otp CODE] | refuse --id ID --reason R
              workflow document --id ID --out F.pdf        the PDF with every signature made so far
              seals who --seal S                           who may use a seal and on which conditions (admin)
              seals authorise|withdraw --seal S --user U | --group G | --role R   from the next request on (admin)
              users list                                   people and processes: kind, enabled, roles, groups (admin)
              users add|set --name N [--kind person|process] [--roles a,b] [--email A] [--password-file F | --ask-password]
                                                           a new process given no password gets one, printed once (admin)
              users disable|enable|delete --name N         a disabled user logs in and signs no more (admin)
              users certify --name N [--subject DN]        a personal certificate and key from Signet's CA for a person,
                                                           who signs with --seal person.N (admin)
              users client-certificate --name N --in C.pem | --none   the TLS client certificate that logs in as N (admin)
              groups list | groups put --name G [--members a,b] [--roles r] [--description D]
              groups delete --name G | groups add-member|remove-member --name G --user U   (admin)
              keys list                                    every token's keys: seals, state, signatures and limits (admin)
              keys activate --token T [--ask-pin | --pin-file F]   a token back in service; a mass-signature card
                                                           signs for its activation limits (admin)
              keys deactivate --token T                    out of service; a mass-signature card locks (admin)
              keys remote --token T --service URL [--login basic|oauth2-client] --account A [--password-file F | --ask-password]
                                                           a remote signature service (CSC v2) as a token (admin);
                                                           oauth2-client: A and the password are a client ID and secret
              keys request --token T --alias A --subject DN [--algorithm RSA|EC] [--key-size N] [--out F.csr]
                                                           a key made in the token and its PKCS#10 request (admin)
              keys import --token T --alias A --chain FILE the chain the outside CA issued (admin)
              keys test --token T --alias A [--ask-pin | --pin-file F]   sign a challenge and check it (admin)
              hotfolder add --name N --root DIR --out DIR --error DIR --format pades|cades|xades --seal S
                      [--level B|T|LT|LTA] [--run-as USER] [--cards none|CARD,..] [--stamp-text T] [--filter '*.pdf']
                      [--approval-file APPROVED] [--ready-file READY] [--keep-originals] [--no-archive] [--keep-documents]
                                                           a watched root: each sub-folder is a batch, signed when its
                                                           approval file appears; results in OUT/<batch> with a report
                                                           and the ready file last, failures in ERROR/<batch> (admin)
              hotfolder add --name N --root DIR --out DIR --error DIR --workflow TEMPLATE [--run-as USER] [...]
                                                           a root whose PDFs each start a workflow (no seal); a receipt
                                                           NAME.workflow.json per document in OUT/<batch> (admin)
              hotfolder list | hotfolder remove --name N   (admin)
              batch start --hotfolder H --batch NAME [--wait [--timeout S]]   approve a filled batch folder; prints its id
              batch status --id ID | batch wait --id ID [--timeout S] | batch stop --id ID | batch restart --id ID [--wait]
                      (an admin or the hot folder's run-as user); exit 0 all signed, 10 done with failed files,
                      11 batch failed or stopped, 12 still running, 13 waiting for a person's confirmation
              batch awaiting | batch confirm --id ID --otp CODE [--wait]   the batches whose seal requires a second
                                                           factor, waiting for you; one confirmed with your one-time code
              evidence get --in FILE [--out FILE.ers]      the RFC 4998 evidence record of a document Signet signed;
                                                           --xml: the RFC 6283 XML form (FILE.xers)
              evidence get --hotfolder H --batch B --file F [--out F.ers]   the same for a file of a hot-folder batch
                                                           (an admin or the user the batch signed as)
              evidence get --signature-id HEX [--out F.ers]   the record of a signature value on its own, by its
                                                           SHA-256 (the signature id a signing answers with)
              evidence verify --in FILE --er FILE.ers      the record checked over the document: since when it proves
                                                           it, by whose time stamp, renew before; exit 0 valid, 1 not
              archive seal | archive status                seal the archive now (admin); what waits, the last sealing
              archive renew [--days N]                     new time stamps for trees whose last one expires within N
                                                           days (default: signet.archive.renew-days-before) (admin)
              archive renew [--in FOLDER] --hash-algorithm H
                                                           renew the hash trees of all evidence into H (SHA-512,
                                                           SHA3-512, ...) from the kept documents, after bringing
                                                           back the archived documents in FOLDER (admin)
              log head [--size N]                          the archive's log (RFC 9162): a head, its time stamp checked
              log inclusion --root HEX [--size N]          a sealed tree's root proven a leaf of the log, checked here
              log consistency --first-size M --first-root HEX [--size N]   an earlier head proven the start of
                                                           the log: nothing sealed was rewritten; exit 0 holds, 1 not
              audit verify                                 the audit trail checked against its seals, chain and time-stamped
                                                           checkpoints; exit 0 intact, 1 not (admin or auditor)
              audit checkpoint | audit export --out F.csv  time-stamp the chain's head now; the whole trail as CSV
              authenticator enrol [--qr F.png] | authenticator confirm --code N   your authenticator app (TOTP) for seals that
                                                           require a second factor; sign then takes --otp CODE
            cards:    sign --cards none|CARD,CARD  which signature cards the request may use (default any);
                      an individual card's PIN: --ask-pin (prompt) or --pin-file FILE
            connection: --url URL --user U --password P, or SIGNET_URL, SIGNET_USER, SIGNET_PASSWORD,
                        or a config file (--config F, $SIGNET_CONFIG, ~/.signet/client.properties);
                        an OAuth2 access token instead: --token-file F or $SIGNET_TOKEN_FILE;
                        --trust-file F.pem: the https server's certificates to trust instead of the JVM's
                        --client-key F.p12 --client-key-password-file F: a TLS client certificate (https),
                        the credential itself when no user or token is given
                        --timeout SECONDS (default 300)
            exit codes: 0 ok, 1 a signature is not valid, 2 usage or local file error,
                        3 refused by Signet, 4 server unreachable, 10 to 13 for batches (above)""";
}
