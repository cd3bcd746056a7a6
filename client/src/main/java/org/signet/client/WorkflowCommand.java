package org.signet.client;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.signet.client.soap.SignetFault;
import org.signet.client.soap.Signing;
import org.signet.client.soap.Workflow;
import org.signet.client.soap.WorkflowStart;
import org.signet.client.soap.WorkflowStep;
import org.signet.client.soap.WorkflowStepRequest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.signet.client.SignetCli.OK;

/**
 * {@code signet workflow start|templates|status|inbox|sign|refuse|document}: a PDF signed by several people in turn, each asked
 * by mail; a signer is a user name, "group:NAME" (any one member) or "all:NAME" (every member); see docs/workflows.md.
 */
final class WorkflowCommand extends Command {

    WorkflowCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        super(out, err, env);
    }

    @Override
    int run(String[] args, Map<String, String> o) throws SignetFault {
        String command = args.length < 2 ? "" : args[1];
        Signing signet = switch (command) {
            case "start", "templates", "status", "inbox", "sign", "refuse", "document" -> connect(o);
            default -> throw new UsageException("workflow takes: start --in F.pdf --signers alice,group:finance,all:board [--fields F1,F2]"
                    + " [--one-time-code | --link-only] [--recipients x@example.org,...] [--level B|T|LT|LTA] [--days N] [--escalate-to U1,-,..] [--seal S]"
                    + " | start --in F.pdf --template NAME"
                    + " | templates | status --id ID | inbox"
                    + " | sign --id ID [--otp CODE] | refuse --id ID --reason R | document --id ID --out F.pdf");
        };
        switch (command) {
            case "start" -> print(signet.startWorkflow(start(o)));
            case "templates" -> signet.workflowTemplates().forEach(t -> out.println(t.getName()
                    + (t.getDescription() == null ? "" : "  " + t.getDescription())));
            case "status" -> print(signet.workflowStatus(required(o, "id")));
            case "inbox" -> signet.workflowInbox().forEach(w -> out.println(w.getId() + "  " + w.getState() + "  " + w.getDocumentName()
                    + "  started by " + w.getInitiator() + (w.getWaitingFor().isEmpty() ? "" : "  waiting for " + String.join(", ", w.getWaitingFor()))
                    + (w.isYourTurn() ? "  (your turn)" : "")));
            case "sign" -> print(signet.signWorkflow(required(o, "id"), o.get("otp")));
            case "refuse" -> print(signet.refuseWorkflow(required(o, "id"), required(o, "reason")));
            default -> {
                Path target = Path.of(required(o, "out"));
                write(signet.workflowDocument(required(o, "id")), target);
                out.println("document " + target);
            }
        }
        return OK;
    }

    private static WorkflowStart start(Map<String, String> o) {
        Path in = input(o.get("in"));
        if (o.containsKey("template")) {
            WorkflowStart start = new WorkflowStart();
            start.setDocument(new DataHandler(new FileDataSource(in.toFile())));
            start.setDocumentName(in.getFileName().toString());
            start.setTemplate(required(o, "template"));
            return start;
        }
        List<String> signers = UsersCommand.names(required(o, "signers"));
        List<String> fields = UsersCommand.names(o.get("fields"));
        if (!fields.isEmpty() && fields.size() != signers.size()) {
            throw new UsageException("--fields names one empty signature field per signer (" + signers.size() + "), or none");
        }
        List<String> escalations = UsersCommand.names(o.get("escalate-to"));
        if (!escalations.isEmpty() && escalations.size() != signers.size()) {
            throw new UsageException("--escalate-to names one user per signer (" + signers.size() + "), '-' for a step passed to nobody");
        }
        Integer days = null;
        if (o.containsKey("days")) {
            try {
                days = Integer.valueOf(o.get("days"));
            } catch (NumberFormatException e) {
                throw new UsageException("--days takes a number of days, not '" + o.get("days") + "'");
            }
        }
        WorkflowStart start = new WorkflowStart();
        start.setDocument(new DataHandler(new FileDataSource(in.toFile())));
        start.setDocumentName(in.getFileName().toString());
        for (int i = 0; i < signers.size(); i++) {
            WorkflowStepRequest step = new WorkflowStepRequest();
            String who = signers.get(i);
            if (who.startsWith("group:") || who.startsWith("all:")) {
                step.setGroup(who.substring(who.indexOf(':') + 1));
                step.setAll(who.startsWith("all:"));
            } else {
                step.setSigner(who);
            }
            step.setField(fields.isEmpty() ? null : fields.get(i));
            step.setOneTimeCode(o.containsKey("one-time-code"));
            step.setLinkOnly(o.containsKey("link-only") ? Boolean.TRUE : null);
            step.setDays(days);
            step.setEscalateTo(escalations.isEmpty() || escalations.get(i).equals("-") ? null : escalations.get(i));
            step.setSeal(o.get("seal"));
            start.getStep().add(step);
        }
        start.getRecipient().addAll(UsersCommand.names(o.get("recipients")));
        start.setLevel(o.get("level"));
        return start;
    }

    private void print(Workflow workflow) {
        out.println("workflow " + workflow.getId() + "  " + workflow.getState() + "  " + workflow.getDocumentName()
                + (workflow.getWaitingFor().isEmpty() ? "" : "  waiting for " + String.join(", ", workflow.getWaitingFor()))
                + (workflow.getOutcome() == null ? "" : "  (" + workflow.getOutcome() + ")"));
        for (WorkflowStep step : workflow.getStep()) {
            out.println("  " + step.getPosition() + ". " + (step.getSigner() != null ? step.getSigner() : "group:" + step.getGroup())
                    + (step.getSigner() != null && step.getGroup() != null ? " for group:" + step.getGroup() : "") + "  " + step.getState()
                    + (step.getField() == null ? "" : "  field " + step.getField())
                    + (step.isOneTimeCode() ? "  one-time code" : "")
                    + (step.isLinkOnly() ? "  by the mailed link alone" : "")
                    + (step.getSeal() == null ? "" : "  seal " + step.getSeal())
                    + (step.getEscalateTo() == null ? "" : "  escalates to " + step.getEscalateTo())
                    + (step.getNote() == null ? "" : "  (" + step.getNote() + ")"));
        }
    }
}
