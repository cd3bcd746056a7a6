package org.signet.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The computers a seal signs for: addresses and networks (CIDR, IPv4 or IPv6) written as literals. Names are refused
 * rather than resolved, so that the rule does not depend on a name server.
 */
public final class ClientNetworks {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Network(byte[] address, int prefix, String text) { }

    private final List<Network> networks;

    private ClientNetworks(List<Network> networks) {
        this.networks = networks;
    }

    /** Parses and checks each entry ("192.0.2.7", "10.1.0.0/16", "2001:db8::/32"); refuses anything else, naming it. */
    public static ClientNetworks parse(List<String> entries) {
        List<Network> networks = new ArrayList<>();
        for (String entry : entries) {
            String text = entry == null ? "" : entry.strip();
            String[] parts = text.split("/", 2);
            if (!(IPV4.matcher(parts[0]).matches() || IPV6.matcher(parts[0]).matches())) {
                throw invalid(text);
            }
            byte[] address;
            try {
                address = InetAddress.getByName(parts[0]).getAddress(); // a literal: no name is looked up
            } catch (UnknownHostException e) {
                throw invalid(text);
            }
            int prefix = address.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw invalid(text);
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw invalid(text);
                }
            }
            networks.add(new Network(address, prefix, text));
        }
        return new ClientNetworks(List.copyOf(networks));
    }

    /** Whether the address (a literal, as the container reports it) lies in one of the networks. */
    public boolean contains(String address) {
        if (address == null || !(IPV4.matcher(address).matches() || IPV6.matcher(address).matches())) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (Network network : networks) {
            if (network.address().length == bytes.length && samePrefix(network.address(), bytes, network.prefix())) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int prefix) {
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(a.length * 8 - prefix);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, b).and(mask));
    }

    public List<String> entries() {
        return networks.stream().map(Network::text).toList();
    }

    private static SignetException invalid(String entry) {
        return new SignetException(SignetException.Kind.INVALID_INPUT, "'" + entry + "' is not an address or network such as"
                + " 192.0.2.7, 10.1.0.0/16 or 2001:db8::/32 (names are not accepted)");
    }
}
