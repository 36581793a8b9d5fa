package io.rio.sample;

/** Input of {@link Reminders}: who to remind and of what. A mutable JavaBean so that JSON-B can bind it. */
public class Reminder {
    private String to;
    private String text;

    public Reminder() {
    }

    public Reminder(String to, String text) {
        this.to = to;
        this.text = text;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
