package org.signet.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.signet.config.SignetConfiguration;
import org.signet.model.SignetException;
import org.signet.model.SignatureFormat;
import org.signet.model.SignatureLevel;
import org.signet.model.SignaturePackaging;
import org.signet.remote.RemoteCredential;
import org.signet.remote.RemoteDocument;
import org.signet.remote.RemoteSignatures;
import org.signet.remote.SignatureAlgorithms;
import org.signet.security.AccessTokens;
import org.signet.timestamp.TimeStampService;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Cloud Signature Consortium API v2 (2.0.0.2) over Signet's seals: {@code info} (public), {@code auth/login} (HTTP
 * Basic, answers a bearer token), {@code auth/revoke}, {@code credentials/list|info|authorize},
 * {@code signatures/signHash|signDoc} and {@code signatures/timestamp}. Every method is a POST with a JSON body, as the specification has it; refusals answer
 * its error object ({@code error}, {@code error_description}).
 */
@Path("csc/v2")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CscResource {
    /** {@code Json.create...} looks its provider up through the ServiceLoader on every call, a scan of the deployment's jars. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String SPECS = "2.0.0.2";
    /** The id of the one-time code among a SCAL 2 credential's authentication objects. */
    private static final String OTP = "OTP";
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    @EJB
    private RemoteSignatures remote;
    @EJB
    private AccessTokens tokens;
    @EJB
    private TimeStampService tsa;
    @Context
    private HttpServletRequest http;
    @Inject
    private SignetConfiguration configuration;

    @POST
    @Path("info")
    public Response info(JsonObject body) {
        JsonArrayBuilder methods = JSON.createArrayBuilder();
        List.of("auth/login", "auth/revoke", "credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash",
                "signatures/signDoc", "signatures/timestamp").forEach(methods::add);
        JsonObjectBuilder info = JSON.createObjectBuilder().add("specs", SPECS).add("name", "Signet").add("logo", "");
        if (configuration.serviceRegion() != null) {
            info.add("region", configuration.serviceRegion());
        }
        JsonArrayBuilder authTypes = JSON.createArrayBuilder().add("basic");
        if (configuration.oauth2Issuer() != null) {
            // a client gets its access token from the organisation's OpenID provider, not from Signet: a process by its client
            // credentials, a person by logging in there (authorization code)
            authTypes.add("oauth2client").add("oauth2code");
            info.add("oauth2Issuer", configuration.oauth2Issuer().toString());
        }
        JsonArrayBuilder algorithms = JSON.createArrayBuilder();
        Stream.concat(SignatureAlgorithms.offered("RSA").stream(), SignatureAlgorithms.offered("EC").stream()).forEach(algorithms::add);
        // signDoc's formats with their envelope properties, in the same order, and the baseline levels
        JsonObjectBuilder formats = JSON.createObjectBuilder().add("formats", JSON.createArrayBuilder().add("C").add("X").add("P"))
                .add("envelope_properties", JSON.createArrayBuilder()
                        .add(JSON.createArrayBuilder().add("Detached").add("Attached"))
                        .add(JSON.createArrayBuilder().add("Enveloped").add("Enveloping").add("Detached"))
                        .add(JSON.createArrayBuilder().add("Revision")));
        return Response.ok(info.add("lang", "en").add("description", "Signet's seals as remote signature credentials")
                .add("authType", authTypes).add("methods", methods)
                .add("signAlgorithms", JSON.createObjectBuilder().add("algos", algorithms))
                .add("signature_formats", formats)
                .add("conformance_levels", JSON.createArrayBuilder().add("Ades-B-B").add("Ades-B-T").add("Ades-B-LT").add("Ades-B-LTA"))
                .build()).build();
    }

    @POST
    @Path("auth/login")
    public Response login(JsonObject body) {
        return answer(() -> {
            if (!"BASIC".equalsIgnoreCase(http.getAuthType())) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "auth/login takes HTTP Basic credentials");
            }
            AccessTokens.Issued issued = tokens.issue();
            return JSON.createObjectBuilder().add("access_token", issued.token()).add("expires_in", issued.validFor().toSeconds()).build();
        });
    }

    @POST
    @Path("auth/revoke")
    public Response revoke(JsonObject body) {
        return answer(() -> {
            tokens.revoke(text(body, "token", true));
            return null;
        });
    }

    @POST
    @Path("credentials/list")
    public Response list(JsonObject body) {
        return answer(() -> {
            JsonArrayBuilder ids = JSON.createArrayBuilder();
            remote.credentialIds().forEach(ids::add);
            return JSON.createObjectBuilder().add("credentialIDs", ids).build();
        });
    }

    @POST
    @Path("credentials/info")
    public Response credentialInfo(JsonObject body) {
        return answer(() -> {
            RemoteCredential credential = remote.credential(text(body, "credentialID", true));
            String certificates = body == null ? "single" : body.getString("certificates", "single");
            X509Certificate certificate = credential.chain().get(0);
            JsonObjectBuilder cert = JSON.createObjectBuilder().add("status", status(certificate));
            if (!"none".equals(certificates)) {
                JsonArrayBuilder encoded = JSON.createArrayBuilder();
                for (X509Certificate c : "chain".equals(certificates) ? credential.chain() : List.of(certificate)) {
                    encoded.add(base64(c));
                }
                cert.add("certificates", encoded);
            }
            if (body != null && body.getBoolean("certInfo", false)) {
                cert.add("issuerDN", certificate.getIssuerX500Principal().getName())
                        .add("serialNumber", certificate.getSerialNumber().toString(16))
                        .add("subjectDN", certificate.getSubjectX500Principal().getName())
                        .add("validFrom", GENERALIZED_TIME.format(certificate.getNotBefore().toInstant()))
                        .add("validTo", GENERALIZED_TIME.format(certificate.getNotAfter().toInstant()));
            }
            JsonArrayBuilder algorithms = JSON.createArrayBuilder();
            SignatureAlgorithms.offered(credential.keyAlgorithm()).forEach(algorithms::add);
            JsonObjectBuilder info = JSON.createObjectBuilder().add("description", credential.description() == null ? "" : credential.description())
                    .add("key", JSON.createObjectBuilder().add("status", credential.enabled() ? "enabled" : "disabled")
                            .add("algo", algorithms).add("len", credential.keyLength()))
                    .add("cert", cert).add("authMode", "explicit").add("SCAL", String.valueOf(credential.scal()))
                    .add("multisign", credential.multisign()).add("lang", "en");
            // v2's auth object; for SCAL 2 the one-time code goes in authData under the id OTP (v1 clients: the OTP object)
            JsonArrayBuilder objects = JSON.createArrayBuilder();
            JsonObjectBuilder auth = JSON.createObjectBuilder().add("mode", "explicit");
            if (credential.scal() == 2) {
                objects.add(JSON.createObjectBuilder().add("type", "Otp").add("id", OTP).add("format", "N").add("label", "One-time code")
                        .add("description", "The code of your authenticator app (TOTP)"));
                auth.add("expression", OTP);
                info.add("OTP", JSON.createObjectBuilder().add("presence", "true").add("type", "online").add("ID", "totp")
                        .add("format", "N").add("label", "One-time code").add("description", "The code of your authenticator app (TOTP)"));
            }
            return info.add("auth", auth.add("objects", objects)).build();
        });
    }

    @POST
    @Path("credentials/authorize")
    public Response authorize(JsonObject body) {
        return answer(() -> {
            JsonValue count = body == null ? null : body.get("numSignatures");
            if (!(count instanceof JsonNumber number) || !number.isIntegral()) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "numSignatures is missing or not a whole number");
            }
            RemoteSignatures.Activation activation = remote.authorize(text(body, "credentialID", true), number.intValue(),
                    body.containsKey("hashes") ? hashes(body) : null, oneTimeCode(body));
            return JSON.createObjectBuilder().add("SAD", activation.sad()).add("expiresIn", activation.expiresInSeconds()).build();
        });
    }

    @POST
    @Path("signatures/signHash")
    public Response signHash(JsonObject body) {
        return answer(() -> {
            List<byte[]> values = remote.signHashes(text(body, "credentialID", true), text(body, "SAD", true), hashes(body),
                    text(body, "signAlgo", true), text(body, "hashAlgorithmOID", false));
            JsonArrayBuilder signatures = JSON.createArrayBuilder();
            values.forEach(value -> signatures.add(Base64.getEncoder().encodeToString(value)));
            return JSON.createObjectBuilder().add("signatures", signatures).build();
        });
    }

    /**
     * CSC 11.10: {@code documents} (base64, each with {@code signature_format} P, C or X, {@code conformance_level}
     * Ades-B-B|T|LT|LTA and {@code signed_envelope_property}) answered as {@code DocumentWithSignature}, or
     * {@code documentDigests} (hashes signed as detached CAdES) answered as {@code SignatureObject}, in their order.
     * A credential is named by {@code credentialID}; a signature qualifier names none here.
     */
    @POST
    @Path("signatures/signDoc")
    public Response signDoc(JsonObject body) {
        return answer(() -> {
            if (text(body, "credentialID", false) == null) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "credentialID is missing (a signatureQualifier names no credential here)");
            }
            JsonValue documents = body.get("documents");
            JsonValue digests = body.get("documentDigests");
            if ((documents == null) == (digests == null)) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "documents or documentDigests, one of them, lists what to sign");
            }
            List<RemoteDocument> items = new ArrayList<>();
            for (JsonValue value : array(documents != null ? documents : digests, documents != null ? "documents" : "documentDigests")) {
                if (!(value instanceof JsonObject item)) {
                    throw new SignetException(SignetException.Kind.INVALID_INPUT, "an item of " + (documents != null ? "documents" : "documentDigests")
                            + " is not an object");
                }
                SignatureFormat format = format(text(item, "signature_format", true));
                SignatureLevel level = level(text(item, "conformance_level", false));
                SignaturePackaging packaging = packaging(format, text(item, "signed_envelope_property", false));
                String signAlgo = text(item, "signAlgo", false);
                String hashOid = text(item, "hashAlgorithmOID", false);
                if (documents != null) {
                    items.add(new RemoteDocument(base64(text(item, "document", true), "document"), null, format, level, packaging, signAlgo, hashOid));
                } else {
                    for (byte[] hash : hashes(item)) {
                        items.add(new RemoteDocument(null, hash, format, level, packaging, signAlgo, hashOid));
                    }
                }
            }
            JsonArrayBuilder signed = JSON.createArrayBuilder();
            remote.signDocuments(text(body, "credentialID", true), text(body, "SAD", true), items)
                    .forEach(value -> signed.add(Base64.getEncoder().encodeToString(value)));
            return JSON.createObjectBuilder().add(documents != null ? "DocumentWithSignature" : "SignatureObject", signed).build();
        });
    }

    /** The code under authData's id OTP (v2), or the OTP parameter (v1); not both. */
    private static String oneTimeCode(JsonObject body) {
        String legacy = text(body, "OTP", false);
        JsonValue data = body.get("authData");
        if (data == null || data == JsonValue.NULL) {
            return legacy;
        }
        if (!(data instanceof JsonArray items) || legacy != null) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "authData must be a list of {\"id\", \"value\"} objects, and the OTP"
                    + " parameter is not sent beside it");
        }
        String code = null;
        for (JsonValue item : items) {
            if (!(item instanceof JsonObject object) || text(object, "id", true) == null) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "an item of authData is not an {\"id\", \"value\"} object");
            }
            if (!OTP.equals(object.getString("id"))) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "authData names '" + object.getString("id")
                        + "', which no credential here asks for; the one-time code goes under the id " + OTP);
            }
            code = text(object, "value", true);
        }
        return code;
    }

    private static JsonArray array(JsonValue value, String name) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, name + " must be a list of at least one item");
        }
        return array;
    }

    /** CSC's letters: P (PAdES), C (CAdES), X (XAdES); J (JAdES) is not made here. */
    private static SignatureFormat format(String letter) {
        return switch (letter) {
            case "P" -> SignatureFormat.PADES;
            case "C" -> SignatureFormat.CADES;
            case "X" -> SignatureFormat.XADES;
            default -> throw new SignetException(SignetException.Kind.INVALID_INPUT, "signature_format " + letter
                    + " is not P (PAdES), C (CAdES) or X (XAdES)");
        };
    }

    /** The baseline levels (Ades-B-B ... Ades-B-LTA); none: B. */
    private static SignatureLevel level(String conformance) {
        if (conformance == null) {
            return SignatureLevel.B;
        }
        return switch (conformance) {
            case "Ades-B-B" -> SignatureLevel.B;
            case "Ades-B-T" -> SignatureLevel.T;
            case "Ades-B-LT" -> SignatureLevel.LT;
            case "Ades-B-LTA" -> SignatureLevel.LTA;
            default -> throw new SignetException(SignetException.Kind.INVALID_INPUT, "conformance_level " + conformance
                    + " is not Ades-B-B, Ades-B-T, Ades-B-LT or Ades-B-LTA");
        };
    }

    /**
     * Enveloped, Enveloping, Detached, Attached (CAdES enveloping); for PAdES only Revision (an approval signature) or
     * none. Certification and Parallel signatures are not made here.
     */
    private static SignaturePackaging packaging(SignatureFormat format, String property) {
        if (property == null) {
            return null;
        }
        if (format == SignatureFormat.PADES) {
            if (!property.equals("Revision")) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "signed_envelope_property " + property
                        + " is not made for PAdES here; Revision is");
            }
            return null;
        }
        return switch (property) {
            case "Enveloped", "Enveloping", "Detached", "Attached" -> SignaturePackaging.parse(property);
            default -> throw new SignetException(SignetException.Kind.INVALID_INPUT, "signed_envelope_property " + property
                    + " is not Enveloped, Enveloping, Detached or Attached");
        };
    }

    /**
     * An RFC 3161 time-stamp token over a hash from Signet's own authority (CSC 11.11): {@code hash} (base64),
     * {@code hashAlgo} (OID), an optional {@code nonce} (hexadecimal), which the token then carries.
     */
    @POST
    @Path("signatures/timestamp")
    public Response timestamp(JsonObject body) {
        return answer(() -> {
            byte[] token = tsa.stampFor(text(body, "hashAlgo", true), base64(text(body, "hash", true), "hash"), text(body, "nonce", false));
            return JSON.createObjectBuilder().add("timestamp", Base64.getEncoder().encodeToString(token)).build();
        });
    }

    private static byte[] base64(String value, String name) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the parameter " + name + " is not base64");
        }
    }

    /** The call's answer, or the specification's error object with the refusal's status. */
    private static Response answer(Supplier<JsonObject> call) {
        try {
            JsonObject answer = call.get();
            return answer == null ? Response.noContent().build() : Response.ok(answer).build();
        } catch (RuntimeException e) {
            SignetException refusal = SignetException.from(e);
            String error = switch (refusal.kind()) {
                case SECOND_FACTOR_REQUIRED -> "invalid_otp";
                case NOT_AUTHENTICATED -> "invalid_token";
                case NOT_AUTHORISED -> "access_denied";
                case SIGNING_FAILED -> "server_error";
                case KEY_UNAVAILABLE, KEY_LIMIT_REACHED, SERVER_BUSY -> "temporarily_unavailable";
                default -> "invalid_request";
            };
            return Response.status(refusal.kind().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JSON.createObjectBuilder().add("error", error).add("error_description", String.valueOf(refusal.getMessage())).build())
                    .build();
        }
    }

    private static String text(JsonObject body, String name, boolean required) {
        JsonValue value = body == null ? null : body.get(name);
        if (value instanceof JsonString string && !string.getString().isBlank()) {
            return string.getString();
        }
        if (required || value != null && value != JsonValue.NULL) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "the parameter " + name + " is missing or not a string");
        }
        return null;
    }

    private static List<byte[]> hashes(JsonObject body) {
        JsonValue value = body == null ? null : body.get("hashes");
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > RemoteSignatures.MOST_HASHES) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "hashes must be a list of 1 to " + RemoteSignatures.MOST_HASHES
                    + " base64 strings");
        }
        List<byte[]> hashes = new ArrayList<>(array.size());
        for (JsonValue hash : array) {
            if (!(hash instanceof JsonString string)) {
                throw new SignetException(SignetException.Kind.INVALID_INPUT, "a hash is not a base64 string: " + hash);
            }
            hashes.add(base64(string.getString(), "hashes"));
        }
        return hashes;
    }

    private static String status(X509Certificate certificate) {
        Instant now = Instant.now();
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return "suspended"; // not valid yet: of the specification's four values, the one that passes
        }
        return now.isAfter(certificate.getNotAfter().toInstant()) ? "expired" : "valid";
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new SignetException(SignetException.Kind.SIGNING_FAILED, "the credential's certificate cannot be encoded", e);
        }
    }
}
