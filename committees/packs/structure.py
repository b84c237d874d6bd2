"""Reading the structure tree of a tagged PDF (an upload, or a merged pack): whether there is one, its parent
tree's entries, and dropping its references to annotations."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject


def placed_is_tagged(placed: bytes) -> bool:
    """Whether ``place_upload`` kept the upload's structure tree (the upload is tagged): only the catalog is read."""
    return "/StructTreeRoot" in PdfReader(io.BytesIO(placed)).root_object


def is_tagged(reader: PdfReader) -> bool:
    """Whether a PDF says it is tagged: marked (``/MarkInfo``) with a structure tree that has elements."""
    root = reader.root_object
    mark_info = root.get("/MarkInfo")
    tree = root.get("/StructTreeRoot")
    if mark_info is None or tree is None:
        return False
    mark_info, tree = mark_info.get_object(), tree.get_object()
    if not (isinstance(mark_info, DictionaryObject) and isinstance(tree, DictionaryObject)):
        return False
    return bool(mark_info.get("/Marked")) and bool(tree.get("/K")) and "/ParentTree" in tree


def parent_tree_entries(tree) -> list[tuple[int, object]]:
    """A number tree's (key, value) pairs in key order, from its ``/Nums`` and its ``/Kids`` at any depth."""
    found = []
    stack = [tree]
    seen = set()
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            continue
        nums = node.get("/Nums", ArrayObject())
        found += [(int(nums[index]), nums[index + 1]) for index in range(0, len(nums) - 1, 2)]
        stack += list(node.get("/Kids", ArrayObject()))
    return sorted(found, key=lambda pair: pair[0])


def drop_object_references(elements: ArrayObject) -> None:
    """Remove the tree's references to annotations and other objects (``/OBJR``): placement drops them all."""
    stack = list(elements)
    seen = set()
    while stack:
        element = stack.pop().get_object()
        if id(element) in seen or not isinstance(element, DictionaryObject):
            continue
        seen.add(id(element))
        kids = element.get("/K")
        if kids is None:
            continue
        listed = kids if isinstance(kids, ArrayObject) else ArrayObject([kids])
        kept = ArrayObject(kid for kid in listed if not _is_object_reference(kid))
        if len(kept) != len(listed):
            if kept:
                element[NameObject("/K")] = kept
            else:
                del element["/K"]
        stack += [kid for kid in kept if isinstance(kid, DictionaryObject | IndirectObject)]


def _is_object_reference(kid) -> bool:
    kid = kid.get_object()
    return isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR"
