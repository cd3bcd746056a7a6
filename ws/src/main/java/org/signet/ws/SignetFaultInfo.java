package org.signet.ws;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "SignetFaultInfo", namespace = SigningEndpoint.NAMESPACE)
public class SignetFaultInfo {
    public String code;
    public String message;
}
