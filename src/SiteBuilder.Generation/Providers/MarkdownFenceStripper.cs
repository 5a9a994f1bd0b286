using System.Text;

namespace SiteBuilder.Generation.Providers;

/// <summary>
/// Removes the Markdown code fence a model sometimes wraps around the page despite the prompt
/// (<c>```html … ```</c>), and any prose before the document. Works on streamed deltas: the fence,
/// its info string and the closing backticks may each arrive split across deltas, so text is held
/// back only while it could still be part of a fence.
/// </summary>
public sealed class MarkdownFenceStripper
{
    private const string Fence = "```";

    // Prose longer than this before any markup is not a preamble we can strip: pass it through.
    private const int MaxPreambleLength = 4096;

    private readonly StringBuilder _pending = new();
    private State _state = State.BeforeDocument;

    private enum State
    {
        BeforeDocument,
        Plain,
        Fenced,
        AfterClosingFence,
    }

    /// <summary>Takes the next delta and returns the text that is certainly page content (possibly empty).</summary>
    public string Push(string delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        switch (_state)
        {
            case State.Plain:
                return delta;
            case State.AfterClosingFence:
                return string.Empty;
            case State.Fenced:
                _pending.Append(delta);
                return DrainFenced();
            default:
                _pending.Append(delta);
                return DrainBeforeDocument();
        }
    }

    /// <summary>Ends the stream and returns whatever was held back and is content.</summary>
    public string Complete()
    {
        var rest = _state is State.BeforeDocument or State.Fenced ? _pending.ToString() : string.Empty;
        _pending.Clear();
        _state = State.AfterClosingFence;
        return rest;
    }

    private string DrainBeforeDocument()
    {
        var text = _pending.ToString();
        var markup = text.IndexOf('<', StringComparison.Ordinal);
        var fence = text.IndexOf(Fence, StringComparison.Ordinal);

        if (fence >= 0 && (markup < 0 || fence < markup))
        {
            // The opening fence line ends at its newline; a model that writes ```html<!DOCTYPE …> ends it at the markup.
            var afterFence = fence + Fence.Length;
            var newline = text.IndexOf('\n', afterFence);
            var markupAfter = text.IndexOf('<', afterFence);
            int contentStart;
            if (newline >= 0 && (markupAfter < 0 || newline < markupAfter))
            {
                contentStart = newline + 1;
            }
            else if (markupAfter >= 0)
            {
                contentStart = markupAfter;
            }
            else
            {
                return string.Empty;
            }

            _pending.Clear().Append(text, contentStart, text.Length - contentStart);
            _state = State.Fenced;
            return DrainFenced();
        }

        if (markup >= 0)
        {
            _pending.Clear();
            _state = State.Plain;
            return text[markup..];
        }

        if (text.Length > MaxPreambleLength)
        {
            _pending.Clear();
            _state = State.Plain;
            return text;
        }

        return string.Empty;
    }

    private string DrainFenced()
    {
        var text = _pending.ToString();
        var closing = text.IndexOf(Fence, StringComparison.Ordinal);
        if (closing >= 0)
        {
            _pending.Clear();
            _state = State.AfterClosingFence;
            return text[..closing];
        }

        // One or two trailing backticks may be the start of the closing fence: hold them back.
        var held = 0;
        while (held < Fence.Length - 1 && held < text.Length && text[text.Length - 1 - held] == '`')
        {
            held++;
        }

        _pending.Clear().Append(text, text.Length - held, held);
        return text[..^held];
    }
}
