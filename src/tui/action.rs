//! Every command a user can give, whatever key or event gave it.

/// One user command. [`super::app::App::update`] is the only place that acts on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    /// Fold the selected post, or go to its manager when it is folded already.
    FoldOrManager,
    /// Unfold the selected post, or go to its first report when it is unfolded already.
    UnfoldOrFirstReport,
    NextSibling,
    PreviousSibling,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    /// Unfold everything down to this layer (the view's roots are layer 1).
    UnfoldToLayer(u8),
    FoldAll,
    Focus,
    Unfocus,
    StartSearch,
    NextMatch,
    PreviousMatch,
    StartFilter,
    FollowDotted,
    /// Copy the selected post's id to the clipboard (OSC 52).
    CopyId,
    /// Copy the selected post's chain from the top, as titles.
    CopyChain,
    /// Compare: go to the next change, or the previous one.
    NextChange,
    PreviousChange,
    /// Compare: show only changed posts and the posts above them, or everything again.
    ChangedOnly,
    /// Compare: switch between the tree and the list of changes.
    ChangeList,
    /// Compare: the before and after trees side by side, or the merged tree again.
    SideBySide,
    /// Compare a series: the next consecutive pair of releases, or the previous one.
    NextPair,
    PreviousPair,
    /// Compare a series: the timeline of the series (its figures and churn), or the pair
    /// again.
    Timeline,
    /// What-if: cut the selected post with its team, to paste elsewhere.
    Cut,
    /// What-if: paste the cut post under the selected post.
    Paste,
    /// What-if: paste the cut post as the selected post's next sibling.
    PasteSibling,
    /// What-if: add a report under the selected post.
    AddReport,
    /// What-if: close the selected post.
    ClosePost,
    /// What-if: give the selected post a new title.
    Retitle,
    /// What-if: vacate the selected post, or fill it when vacant.
    Holder,
    /// What-if: set any field of the selected post.
    EditField,
    Undo,
    Redo,
    /// What-if: switch between editing and the comparison of the start with now.
    CompareStart,
    /// What-if: save the chart to a file.
    Save,
    /// What-if: save the change script to a file.
    SaveScript,
    /// In a text field: move the cursor.
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    /// In a text field: delete the character under the cursor.
    DeleteForward,
    /// In a form: the next field, or the previous one.
    NextField,
    PreviousField,
    /// Show the details of the selected post in place of the tree.
    Details,
    Help,
    /// Close what is open: an overlay, a prompt, a search, a filter.
    Back,
    Quit,
    /// Stop the program and go back to the shell (Ctrl-Z); `fg` resumes it.
    Suspend,
    /// Text typed into a prompt.
    Insert(char),
    DeleteBack,
    ClearLine,
    /// Enter: accept a prompt or a choice.
    Accept,
    /// The terminal's new size, in columns and rows.
    Resize(u16, u16),
    /// A mouse click at this column and row of the screen.
    Click(u16, u16),
    ScrollUp,
    ScrollDown,
}
