package me.minav3.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.submit.EditImage;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.StudioSession;
import org.jspecify.annotations.Nullable;

/**
 * Issue 23, decision 045: an edit tool run on one of my stills ({@code POST /api/generations/{id}/edits}), answered
 * like a create (202, the same stream), and the {@code edit} block of {@code GET /api/me} (prices and my pool as
 * reduced fractions of a matcha, decision 044).
 */
final class EditRoutes {

    private final EditImage editImage;
    private final RequestLimits limits;

    EditRoutes(EditImage editImage, RequestLimits limits) {
        this.editImage = editImage;
        this.limits = limits;
    }

    static final BodySpec EDIT = BodySpec.named("EditRequest", "An edit tool to run on a finished still")
            .required(
                    "tool",
                    BodySpec.Type.TEXT,
                    "the tool",
                    "enum",
                    Arrays.stream(EditTool.values()).map(EditTool::wire).toList())
            .optional("request_id", BodySpec.Type.TEXT, "makes the call idempotent: the same id gives the same run")
            .optional(
                    "mask_url",
                    BodySpec.Type.TEXT,
                    "eraser, inpaint: my uploaded mask (white = the area to change; POST /api/uploads)")
            .optional(
                    "prompt",
                    BodySpec.Type.TEXT,
                    "inpaint: what to fill the area with (required); expand: an optional guide",
                    "maxLength",
                    2000)
            .optional(
                    "aspect_ratio",
                    BodySpec.Type.TEXT,
                    "expand: the new aspect ratio (the canvas grows around the image)",
                    "enum",
                    nullable(Arrays.stream(AspectRatio.values())
                            .map(AspectRatio::wire)
                            .toList()))
            .optional("scale", BodySpec.Type.INTEGER, "upscale: 2 or 4", "enum", nullable(List.of(2, 4)))
            .example("tool", "eraser", "mask_url", "http://localhost:8080/assets/uploads/mask.png", "request_id", "e-1")
            .build();

    private static List<Object> nullable(List<?> values) {
        List<Object> all = new java.util.ArrayList<>(values);
        all.add(null);
        return all;
    }

    void register(Api api) {
        api.post(
                "/api/generations/{id}/edits",
                Api.Access.USER,
                "studio",
                "Run an edit tool on one of my finished stills: a new still whose parent is this one, paid from my"
                        + " edit-tool pool (decisions 042, 045)",
                Api.Doc.of()
                        .id("editStill")
                        .body(EDIT)
                        .json(202, "EditAccepted")
                        .problems(402, 404, 409, 422, 429),
                this::edit);
    }

    /** The {@code edit} block of {@code GET /api/me}. */
    Map<String, Object> me(PassId passId) {
        Map<String, Object> prices = Json.obj();
        editImage.prices().units().forEach((tool, units) -> prices.put(tool, EditImage.fraction(units)));
        Map<String, Object> ordered = Json.obj();
        for (EditTool tool : EditTool.values()) {
            ordered.put(tool.wire(), prices.get(tool.wire()));
        }
        return Json.obj("prices", ordered, "pool", EditImage.fraction(editImage.pool(passId)));
    }

    private void edit(Context ctx) {
        Caller caller = Caller.of(ctx);
        Bodies body = Bodies.of(ctx, EDIT);
        var request = new EditImage.Request(
                caller.passId(),
                StudioRoutes.id(ctx),
                body.requiredText("tool"),
                RequestId.ofNullable(body.text("request_id")),
                StudioSession.CURRENT,
                body.text("mask_url"),
                body.text("prompt"),
                body.text("aspect_ratio"),
                body.integer("scale"));
        limits.create(caller.passId());
        switch (editImage.submit(request)) {
            case CreateOutcome.Created created -> accepted(ctx, created.generation(), created.balance());
            case CreateOutcome.AlreadyExists existing -> accepted(ctx, existing.generation(), null);
            case CreateOutcome.Refused refused -> Problems.send(ctx, refused);
        }
    }

    /** 202 like a create, with what my pool holds after the draw. */
    private void accepted(Context ctx, Generation run, @Nullable Long balance) {
        Map<String, Object> answer = StudioRoutes.queuedView(run, balance);
        answer.put("tool_pool", EditImage.fraction(editImage.pool(run.passId())));
        ctx.status(202).json(answer);
    }
}
