using FluentValidation;

namespace Schakel.Consultation.Questions;

/// <summary>The one rule for free text on a question (clarifications, advice): present, at most the question's length.</summary>
public static class ConversationText
{
    public static IRuleBuilderOptions<T, string> IsConversationText<T>(this IRuleBuilder<T, string> rule, string whenEmpty) =>
        rule.NotEmpty().WithMessage(whenEmpty)
            .MaximumLength(PostQuestion.MaxTextLength).WithMessage($"Hoogstens {PostQuestion.MaxTextLength} tekens.");
}
