package io.rio.sample.it.secured;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;

/**
 * Test deployment only: open to anyone, it calls the private {@link Till#write} (calls between handlers are not
 * subject to ingress access rules).
 */
@Service
public class Desk {

    public static class Note {
        public String till;
        public String text;
    }

    @Handler
    public String leaveNote(Context ctx, Note note) {
        ctx.object(Till.class, note.till).call(Till::write, note.text).await();
        return "noted";
    }
}
