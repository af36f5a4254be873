-- Factbrief's documents as Word sees them (printing/word.py runs Pandoc with this filter).
--
-- The Markdown's notes ([^N]) are already Pandoc notes, which the docx writer makes real Word
-- footnotes, at the foot of the page where each is called. This filter gives the title block its
-- Word styles: the marking above the title ("Marking"), the document's title ("Title", not a
-- heading) and the lines below it ("Subtitle"); every section heading moves up one level, so
-- "## Key points" is Word's "Heading 1". A note is kept in the paragraph or table cell that calls
-- it: nothing here moves one (printing/wordproof.py proves it).

local function styled(style, block)
  return pandoc.Div({ block }, pandoc.Attr("", {}, { ["custom-style"] = style }))
end

local function is_marking(block)
  return block.t == "Para" and #block.content == 1 and block.content[1].t == "Strong"
end

-- Calls side by side ("…reading.[^1][^2][^3]") read as one number in Word ("¹²³"): a raised comma
-- between them, as Word's own footnotes are set.
function Inlines(inlines)
  local out = pandoc.Inlines({})
  for i, inline in ipairs(inlines) do
    out:insert(inline)
    local after = inlines[i + 1]
    if inline.t == "Note" and after and after.t == "Note" then
      out:insert(pandoc.Superscript({ pandoc.Str(",") }))
    end
  end
  return out
end

function Pandoc(doc)
  local out = {}
  local titled, in_title = false, false
  for i, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 and not titled then
      titled, in_title = true, true
      table.insert(out, styled("Title", pandoc.Para(block.content)))
    elseif block.t == "Header" then
      in_title = false
      table.insert(out, pandoc.Header(math.max(1, block.level - 1), block.content, block.attr))
    elseif not titled and is_marking(block) then
      table.insert(out, styled("Marking", pandoc.Para(block.content[1].content)))
    elseif in_title and block.t == "Para" then
      table.insert(out, styled("Subtitle", block))
    else
      table.insert(out, block)
    end
  end
  return pandoc.Pandoc(out, doc.meta)
end
